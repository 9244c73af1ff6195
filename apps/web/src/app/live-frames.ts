/**
 * Live frames of the features composed in the app (scheduled messages, reminders, templates): lib/live.ts keeps the core
 * inbox cache and hands every frame to `onFrame`, where these are picked out. Ids only, like every frame.
 */
export type FeatureFrame =
  | { type: "scheduled_message.changed"; conversationId: string; scheduledId: string }
  /** Sent to the reminder's author only. */
  | { type: "reminder.due"; conversationId: string; scheduledId: string; userId?: string }
  | { type: "template.changed"; templateId: string };

const FEATURE_TYPES: ReadonlySet<string> = new Set(["scheduled_message.changed", "reminder.due", "template.changed"]);

/** The frame as a feature frame, or null when it is the core inbox's (or unknown). */
export function asFeatureFrame(frame: { type: string }): FeatureFrame | null {
  return FEATURE_TYPES.has(frame.type) ? (frame as FeatureFrame) : null;
}
