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

/** At most this many ignored parameters are named; the rest are counted. */
const NAMED_AT_MOST = 10;

/**
 * Says which URL parameters of a filter form were not understood (and so were ignored), with the
 * reason where the page knows it (`reasons`, by name): "q (Search at most 200 characters.)". Names
 * past the tenth are counted, not listed.
 */
export function IgnoredFilters({ names, reasons = {} }: { names: string[]; reasons?: Record<string, string> }) {
  if (names.length === 0) return null;
  const named = names.slice(0, NAMED_AT_MOST).map((name) => (reasons[name] ? `${name} (${reasons[name]})` : name));
  const more = names.length > NAMED_AT_MOST ? ` and ${(names.length - NAMED_AT_MOST).toLocaleString("en-US")} more` : "";
  return (
    <p className="form-message error" data-testid="ignored-filters">
      Some filters were not understood and were ignored: {named.join(", ")}
      {more}.
    </p>
  );
}
