import { useEffect, useRef, useState } from "react";
import type { CreatedApiKey } from "../../api";
import { copyText } from "../../components/clipboard";

/** The one time a new key is visible: a read-only field, a copy button and the warning that it will not come back. */
export function NewKeyNotice({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);

  return (
    <div className="alert alert-warn new-key" role="region" aria-label="New API key">
      <p>
        <strong>Copy the key “{created.name}” now. It will not be shown again</strong>: only its prefix is kept.
      </p>
      <div className="key-row">
        <input ref={field} readOnly value={created.key} aria-label="The new key" className="key-value" onFocus={(e) => e.target.select()} />
        <button type="button" className="btn" onClick={() => void copyText(created.key).then(setCopied)}>
          Copy
        </button>
        <button type="button" className="btn btn-ghost" onClick={onDone}>
          Done
        </button>
      </div>
      <p role="status" className="muted">
        {copied === true && "Copied to the clipboard."}
        {copied === false && "The browser refused to copy: select the key and copy it yourself."}
      </p>
    </div>
  );
}
