using System.Data;
using Dapper;

namespace Orchestration.Storage.Postgres;

/// <summary>
/// The locks that make PostgreSQL's READ COMMITTED writes behave like SQLite's single writer where a store reads, decides,
/// then writes. Every lock is held until its transaction ends.
/// </summary>
internal static class PostgresLocks
{
    // NOTE: keys of transaction-level advisory locks; none may equal PostgresMigrator's.
    // Registrations, sign-in identities and role changes: "the first user becomes admin", "an e-mail or identity is
    // taken" and "the last active admin stays" are decided on the whole users table.
    public const long Users = 0x6f72_6368_5f75_7372; // "orch_usr"

    // Budget reservations: every cap counts every reservation, so reading the figures and inserting one is one step.
    public const long Budget = 0x6f72_6368_5f62_7564; // "orch_bud"

    // The shared key ring: nodes starting together create its first key once.
    public const long ProtectionKeys = 0x6f72_6368_5f6b_6579; // "orch_key"

    public static Task TakeAsync(IDbConnection c, IDbTransaction tx, long key) =>
        c.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key }, tx);

    /// <summary>Locks a project's row the way the execution backend does (FOR NO KEY UPDATE): the project's transactions,
    /// the executor's included, then run one after another.</summary>
    public static Task LockProjectAsync(IDbConnection c, IDbTransaction tx, string projectId) =>
        c.ExecuteAsync("SELECT 1 FROM projects WHERE id = @projectId FOR NO KEY UPDATE", new { projectId }, tx);
}
