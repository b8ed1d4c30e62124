import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { keys, useApi, type AdminUser, type UserRole } from "../../api";
import { useAuth } from "../../auth/AuthContext";
import { ErrorAlert } from "../../components/ErrorAlert";
import { dateTime } from "../../components/format";
import { Loading } from "../../components/Loading";

/** Every account: activate/deactivate and change role. The server refuses to lose its last admin; that is shown. */
export function UsersTable() {
  const api = useApi();
  const { user: me } = useAuth();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: [...keys.admin, "users"], queryFn: () => api.admin.users() });
  const update = useMutation({
    mutationFn: ({ id, change }: { id: string; change: { is_active?: boolean; role?: UserRole } }) => api.admin.updateUser(id, change),
    onSuccess: (updated: AdminUser) => {
      queryClient.setQueryData<AdminUser[]>([...keys.admin, "users"], (list) => list?.map((u) => (u.id === updated.id ? { ...u, ...updated } : u)));
      void queryClient.invalidateQueries({ queryKey: keys.admin });
    },
  });

  return (
    <section aria-labelledby="users-title" className="card">
      <h2 id="users-title">Users</h2>
      {users.isPending && <Loading what="users" />}
      <ErrorAlert error={users.error ?? update.error} />
      {users.data && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">Projects</th>
              <th scope="col">Last sign-in</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <tr key={u.id}>
                <th scope="row">
                  {u.display_name} <span className="muted">{u.email}</span> {u.id === me?.id && <span className="badge badge-info">you</span>}
                </th>
                <td>
                  <select aria-label={`Role of ${u.email}`} value={u.role} disabled={update.isPending}
                    onChange={(e) => update.mutate({ id: u.id, change: { role: e.target.value as UserRole } })}>
                    <option value="user">user</option>
                    <option value="admin">admin</option>
                  </select>
                </td>
                <td>
                  <span className={u.is_active ? "text-ok" : "text-bad"}>{u.is_active ? "active" : "deactivated"}</span>{" "}
                  <button type="button" className="btn btn-small" disabled={update.isPending}
                    aria-label={`${u.is_active ? "Deactivate" : "Activate"} ${u.email}`}
                    onClick={() => update.mutate({ id: u.id, change: { is_active: !u.is_active } })}>
                    {u.is_active ? "Deactivate" : "Activate"}
                  </button>
                </td>
                <td className="num">{u.project_count}</td>
                <td>{dateTime(u.last_login_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
