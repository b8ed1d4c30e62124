import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { keys, useApi, type Project } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { saveFile } from "../../components/saveFile";

/** Clone (a fresh copy with the latest approved plan as a draft) and export (the whole project as a JSON file). */
export function useTransferActions(project: Project) {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const clone = useMutation({
    mutationFn: () => api.projects.clone(project.id),
    onSuccess: (copy) => {
      void queryClient.invalidateQueries({ queryKey: keys.projects });
      void navigate(`/projects/${copy.id}`);
    },
  });
  const exported = useMutation({
    mutationFn: async () => {
      const file = await api.projects.export(project.id);
      saveFile(file);
      return file.filename;
    },
  });
  return { clone, exported, busy: clone.isPending || exported.isPending };
}

type Transfer = ReturnType<typeof useTransferActions>;

export function TransferButtons({ transfer, disabled }: { transfer: Transfer; disabled: boolean }) {
  const { clone, exported, busy } = transfer;
  return (
    <div className="actions" role="group" aria-label="Copy and export">
      <button type="button" className="btn btn-ghost" disabled={busy || disabled} onClick={() => { exported.reset(); clone.mutate(); }}>
        {clone.isPending ? "Cloning…" : "Clone"}
      </button>
      <button type="button" className="btn btn-ghost" disabled={busy || disabled} onClick={() => { clone.reset(); exported.mutate(); }}>
        {exported.isPending ? "Exporting…" : "Export"}
      </button>
    </div>
  );
}

export function TransferMessages({ transfer }: { transfer: Transfer }) {
  const { clone, exported } = transfer;
  return (
    <>
      {exported.data && <p role="status" className="muted">Exported as {exported.data}.</p>}
      <ErrorAlert error={clone.error} prefix="Could not clone" />
      <ErrorAlert error={exported.error} prefix="Could not export" />
    </>
  );
}
