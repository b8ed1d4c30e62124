using System.Collections.Concurrent;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Engine.Budget;

/// <summary>
/// Group commit for the ledger's writes, on one connection with prepared statements. Callers queue their work and
/// wait for the write gate; whoever holds it runs every queued piece of work in ONE BEGIN IMMEDIATE transaction,
/// each piece in its own savepoint, and completes them all after the commit. Alone, a caller gets a transaction
/// of its own; under concurrency, many reservations and settlements share one commit.
/// </summary>
/// <remarks>
/// NOTE: pieces run one after another inside the transaction, so each check sees every earlier insert: a batch
/// is exactly as strict as the same writes one transaction each. Other processes are kept out by the write lock.
/// </remarks>
internal sealed partial class LedgerWriteQueue(SqliteDatabase database) : IDisposable
{
    /// <summary>Bounds how long one batch holds the database's write lock.</summary>
    private const int MaxBatch = 128;

    private readonly ConcurrentQueue<Operation> _pending = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LedgerStatements? _statements;

    public async Task<T> WriteAsync<T>(Func<LedgerStatements, T> work, CancellationToken cancellationToken)
    {
        var operation = new Operation<T>(work);
        _pending.Enqueue(operation);
        try
        {
            await _gate.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (operation.TryCancel())
        {
            // Withdrawn before any batch claimed it: nothing was written.
            throw;
        }
        catch (OperationCanceledException)
        {
            // Another caller's batch has already started this work: its outcome stands, so wait for it.
            return await operation.Result;
        }

        try
        {
            // Someone else's batch may have run ours while we waited for the gate; a full batch may not reach it yet.
            while (!operation.Result.IsCompleted)
            {
                await RunBatchAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
        return await operation.Result;
    }

    // NOTE: may run twice: the container disposes the ledger once per registration it was resolved through.
    public void Dispose()
    {
        _statements?.Dispose();
        _statements = null;
        _gate.Dispose();
    }

    private async Task RunBatchAsync()
    {
        var batch = new List<Operation>();
        while (batch.Count < MaxBatch && _pending.TryDequeue(out var next))
        {
            if (next.TryStart())
            {
                batch.Add(next);
            }
        }
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            _statements ??= new LedgerStatements(await database.OpenAsync(CancellationToken.None));
            using var transaction = _statements.Begin();
            foreach (var operation in batch)
            {
                // Alone, a failure simply rolls the whole transaction back.
                operation.Run(_statements, isolateFailure: batch.Count > 1);
            }
            transaction.Commit();
        }
        catch (Exception ex)
        {
            // The connection may be the trouble (I/O error, lock timeout): the next batch starts on a fresh one.
            _statements?.Dispose();
            _statements = null;
            foreach (var operation in batch)
            {
                operation.Fail(ex);
            }
            return;
        }
        foreach (var operation in batch)
        {
            operation.Complete();
        }
    }
}
