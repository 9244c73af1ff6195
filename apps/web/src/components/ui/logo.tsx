const TEETH = [0, 45, 90, 135, 180, 225, 270, 315];

/** Papo's mark: a green speech balloon with a gear. Decorative unless a `title` is given. */
export function Logo({ className, title }: { className?: string; title?: string }) {
  const shapes = (
    <>
      <path fill="#16a34a" d="M32 5C17 5 5 15.7 5 29c0 6.9 3.3 13.1 8.5 17.5L10 59l14-7.4c2.5.6 5.2.9 8 .9 15 0 27-10.7 27-24S47 5 32 5z" />
      <g fill="#fff">
        <circle cx="32" cy="29" r="9.5" />
        {TEETH.map((angle) => (
          <rect key={angle} x="29.5" y="15.5" width="5" height="6" rx="1" transform={`rotate(${angle} 32 29)`} />
        ))}
      </g>
      <circle cx="32" cy="29" r="4" fill="#16a34a" />
    </>
  );
  if (!title) {
    return (
      <svg viewBox="0 0 64 64" className={className} aria-hidden="true">
        {shapes}
      </svg>
    );
  }
  return (
    <svg viewBox="0 0 64 64" className={className} role="img">
      <title>{title}</title>
      {shapes}
    </svg>
  );
}
