import { describe, expect, it } from "vitest";
import { effectivePermissions, grantsOf, isPermission, PERMISSIONS, ROLE_PERMISSIONS } from "./permissions.ts";

describe("permissions", () => {
  it("administrators have every permission; agents none; supervisors run the team but not people, numbers or settings", () => {
    expect(effectivePermissions("admin", [])).toEqual([...PERMISSIONS]);
    expect(effectivePermissions("agent", [])).toEqual([]);
    const supervisor = effectivePermissions("supervisor", []);
    expect(supervisor).toEqual(
      expect.arrayContaining(["conversations.see_all", "reports.view", "canned_responses.manage", "channels.check"]),
    );
    expect(supervisor).not.toEqual(expect.arrayContaining(["users.manage"]));
    expect(supervisor.some((p) => p === "users.manage" || p === "channels.manage" || p === "settings.manage" || p === "audit.view")).toBe(
      false,
    );
  });

  it("a user's effective permissions are the role's defaults plus the grants, once each, in the list's order", () => {
    expect(effectivePermissions("agent", ["reports.view", "conversations.see_all", "reports.view"])).toEqual([
      "conversations.see_all",
      "reports.view",
    ]);
    expect(effectivePermissions("supervisor", ["users.manage"])).toEqual(
      PERMISSIONS.filter((p) => p === "users.manage" || ROLE_PERMISSIONS.supervisor.includes(p)),
    );
  });

  it("stored grants that are no longer permissions are ignored", () => {
    expect(grantsOf(["conversations.see_all", "manage_everything", 42, null])).toEqual(["conversations.see_all"]);
    expect(grantsOf(null)).toEqual([]);
    expect(isPermission("audit.view")).toBe(true);
    expect(isPermission("audit.edit")).toBe(false);
  });
});
