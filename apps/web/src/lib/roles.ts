/** Roles that may open the admin pages; the server still decides what each of them may change. */
export function canAdminister(role: string): boolean {
  return role === "admin" || role === "supervisor";
}
