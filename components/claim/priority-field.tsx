import type { CSSProperties } from "react";
import { PRIORITY_OPTIONS } from "@/lib/domain/verdict-scale";
import type { ActionState } from "@/lib/validation/action-state";
import { keptValue } from "../form-message";

/** The priority select of an assignment form, keeping the user's choice when a save is refused. */
export function PriorityField({ state, value, style }: { state: ActionState; value: string; style?: CSSProperties }) {
  const kept = keptValue(state, "priority", value);
  return (
    <label style={style}>
      Priority
      <select key={kept} name="priority" defaultValue={kept}>
        {PRIORITY_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
