import type { ButtonHTMLAttributes } from "react";
import { Icon, type IconName } from "./icon.tsx";

type Variant = "primary" | "secondary" | "ghost" | "danger";

const VARIANTS: Record<Variant, string> = {
  primary: "bg-brand-700 text-white hover:bg-brand-800 disabled:bg-slate-400 dark:disabled:bg-slate-700",
  secondary:
    "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800",
  ghost: "text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800",
  danger: "bg-red-700 text-white hover:bg-red-800",
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: "sm" | "md" | "icon";
}

export function Button({ variant = "secondary", size = "md", className = "", type = "button", ...props }: ButtonProps) {
  const sizing = size === "sm" ? "h-8 px-2.5 text-xs" : size === "icon" ? "size-9 shrink-0" : "h-10 px-4 text-sm";
  return (
    <button
      type={type}
      className={`inline-flex items-center justify-center gap-1.5 rounded-lg font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-70 ${sizing} ${VARIANTS[variant]} ${className}`}
      {...props}
    />
  );
}

/** A button that shows only an icon: `label` becomes its accessible name and tooltip. */
export function IconButton({
  icon,
  label,
  className = "",
  variant = "ghost",
  ...props
}: Omit<ButtonProps, "children" | "aria-label"> & { icon: IconName; label: string }) {
  return (
    <Button variant={variant} size="icon" aria-label={label} title={label} className={className} {...props}>
      <Icon name={icon} />
    </Button>
  );
}
