import { z } from "zod";
import { ROLES } from "@/lib/domain/roles";
import { idSchema, storableString, versionSchema } from "./common";

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

const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.").max(254));
const nameSchema = z.string().trim().min(1, "Name is required.").max(120, "Name must be at most 120 characters.");
const roleSchema = z.enum(ROLES, { error: "Role must be ADMIN, EDITOR or REVIEWER." });

/**
 * How an admin hands out access to a new account or after a reset: a one-time password, or a
 * one-time set-password link that expires (issue 15). The one-time password is the default.
 */
export const accessSchema = z.enum(["password", "link"], { error: "Choose a one-time password or a set-password link." }).default("password");

/** An admin creates an account in the app: the server generates a one-time password or link, shown once. */
export const adminCreateUserSchema = z.object({ email: emailSchema, name: nameSchema, role: roleSchema }).strict();
export const adminCreateUserFormSchema = adminCreateUserSchema.extend({ access: accessSchema }).strict();
export type AdminCreateUserInput = z.infer<typeof adminCreateUserSchema>;

/** An admin changes a role; they confirm with their own current password (re-authentication). */
export const changeRoleSchema = z
  .object({
    userId: idSchema,
    role: roleSchema,
    currentPassword: z.string().min(1, "Enter your own current password to confirm.").max(200),
    // The account's version the form showed: a stale form is refused (compare-and-set).
    expectedVersion: versionSchema.optional(),
  })
  .strict();
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;

/** Deactivate, reactivate, reset a password: the account, and the version the form showed (compare-and-set). */
export const userIdSchema = z.object({ userId: idSchema, expectedVersion: versionSchema.optional() }).strict();
export type UserIdInput = z.infer<typeof userIdSchema>;

/** A user renames themselves on /account. */
export const updateOwnNameSchema = z.object({ name: nameSchema, expectedVersion: versionSchema.optional() }).strict();
export type UpdateOwnNameInput = z.infer<typeof updateOwnNameSchema>;

/** The /account password form: the new password typed twice. */
export const changeOwnPasswordSchema = z
  .object({ currentPassword: z.string().min(1, "Enter your current password.").max(200), newPassword: passwordSchema, confirmPassword: z.string().max(200) })
  .strict()
  .refine((v) => v.newPassword === v.confirmPassword, { message: "The two new passwords differ.", path: ["confirmPassword"] });

/** A reset: the account, the version the form showed, and how access is handed out. */
export const resetPasswordFormSchema = userIdSchema.extend({ access: accessSchema }).strict();

/** The set-password page: the link's token and the new password typed twice. */
export const setPasswordWithLinkSchema = z
  .object({ token: z.string().min(1).max(200), newPassword: passwordSchema, confirmPassword: z.string().max(200) })
  .strict()
  .refine((v) => v.newPassword === v.confirmPassword, { message: "The two new passwords differ.", path: ["confirmPassword"] });

/**
 * What the admin's create and reset forms answer, shown once: the one-time password, or the
 * set-password link's path (the page makes it absolute) and its expiry (ISO).
 */
export type OneTimePasswordState = import("./action-state").ActionState & {
  oneTimePassword?: string;
  forEmail?: string;
  setPasswordPath?: string;
  linkExpiresAt?: string;
};
