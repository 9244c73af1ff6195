import { z } from "zod";

export const TEAM_NAME_MAX_LENGTH = 60;
export const TEAM_MEMBERS_MAX = 500;

export const teamSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  memberIds: z.array(z.uuid()).describe("The team's users, sorted by id"),
  createdAt: z.iso.datetime(),
});

export const teamParams = z.object({ id: z.uuid() });

const name = z
  .string()
  .trim()
  .min(1)
  .max(TEAM_NAME_MAX_LENGTH)
  .describe(`1 to ${TEAM_NAME_MAX_LENGTH} characters, unique in the workspace (409 teams.name_taken)`);
const memberIds = z
  .array(z.uuid())
  .max(TEAM_MEMBERS_MAX)
  .describe("Users of the workspace (400 teams.invalid_member names one that is not); duplicates count once");

export const createTeamBody = z.object({ name, memberIds: memberIds.optional() });

export const updateTeamBody = z.object({
  name: name.optional(),
  memberIds: memberIds.optional().describe("Replaces the whole member list"),
});

export const teamListSchema = z.array(teamSchema);

export type TeamDto = z.infer<typeof teamSchema>;
