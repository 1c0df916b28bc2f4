import type { CSSProperties } from "react";

export interface SelectOption {
  value: string;
  label: string;
}

/** A select of a GET filter form: "any" first (empty value), then the choices; the URL's value preselected. */
export function FilterSelect({
  label,
  name,
  value,
  options,
  anyLabel = "Any",
  style,
}: {
  label: string;
  name: string;
  value: string | undefined;
  options: readonly SelectOption[];
  anyLabel?: string;
  style?: CSSProperties;
}) {
  return (
    <label style={style}>
      {label}
      <select name={name} defaultValue={value ?? ""}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Says which URL parameters of a filter form were not understood (and so were ignored). */
export function IgnoredFilters({ names }: { names: string[] }) {
  if (names.length === 0) return null;
  return (
    <p className="form-message error" data-testid="ignored-filters">
      Some filters were not understood and were ignored: {names.join(", ")}.
    </p>
  );
}
