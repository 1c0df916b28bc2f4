import { z } from "zod";

export const signInSchema = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.").max(254)),
    password: z.string().min(1, "Password is required.").max(200, "Password is too long."),
  })
  .strict();
