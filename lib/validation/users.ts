import { z } from "zod";
import { ROLES } from "@/lib/domain/roles";
import { storableString } from "./common";

export const passwordSchema = z
  .string({ error: "Password is required." })
  .min(12, "Use at least 12 characters.")
  .max(200, "Password is too long.");

export const createUserSchema = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.").max(254)),
    name: storableString("Name").trim().min(1, "Name is required.").max(120, "Name must be at most 120 characters."),
    role: z.enum(ROLES, { error: "Role must be ADMIN, EDITOR or REVIEWER." }),
    password: passwordSchema,
  })
  .strict();
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1, "Enter your current password.").max(200), newPassword: passwordSchema })
  .strict();
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
