import { z } from "zod";
import { idSchema } from "./common";

export const markNotificationReadSchema = z.object({ notificationId: idSchema }).strict();
export type MarkNotificationReadInput = z.infer<typeof markNotificationReadSchema>;

export const markAllNotificationsReadSchema = z.object({}).strict();
