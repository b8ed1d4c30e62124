import { ApiError, errorMessage } from "../api";

/** Shows a failed call: the server's problem `detail`, then any per-field validation messages. */
export function ErrorAlert({ error, prefix }: { error: unknown; prefix?: string }) {
  if (!error) return null;
  const fields = error instanceof ApiError ? error.fieldMessages() : [];
  return (
    <div role="alert" className="alert alert-error">
      <p>
        {prefix ? `${prefix}: ` : ""}
        {errorMessage(error)}
      </p>
      {fields.length > 0 && (
        <ul>
          {fields.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
