namespace Orchestration.Engine.Budget;

internal sealed partial class LedgerWriteQueue
{
    private abstract class Operation
    {
        private const int Pending = 0;
        private const int Started = 1;
        private const int Cancelled = 2;
        private const string Savepoint = "ledger_op";
        private int _state;

        protected Exception? Failure { get; private set; }

        /// <summary>Claims the work for a batch; false when its caller gave up first.</summary>
        public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Pending) == Pending;

        /// <summary>Withdraws the work; false when a batch has already claimed it.</summary>
        public bool TryCancel() => Interlocked.CompareExchange(ref _state, Cancelled, Pending) == Pending;

        public void Run(LedgerStatements statements, bool isolateFailure)
        {
            if (!isolateFailure)
            {
                Execute(statements);
                return;
            }
            var transaction = statements.Transaction!;
            transaction.Save(Savepoint);
            try
            {
                Execute(statements);
                transaction.Release(Savepoint);
            }
            catch (Exception ex)
            {
                // Only this caller's work is undone; the rest of the batch commits.
                transaction.Rollback(Savepoint);
                transaction.Release(Savepoint);
                Failure = ex;
            }
        }

        protected abstract void Execute(LedgerStatements statements);

        /// <summary>After the commit: hands the caller its result, or the failure of its own work.</summary>
        public abstract void Complete();

        /// <summary>The transaction as a whole failed: nothing of the batch was written.</summary>
        public abstract void Fail(Exception exception);
    }

    private sealed class Operation<T>(Func<LedgerStatements, T> work) : Operation
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _value;

        public Task<T> Result => _completion.Task;

        protected override void Execute(LedgerStatements statements) => _value = work(statements);

        public override void Complete()
        {
            if (Failure is not null)
            {
                _completion.TrySetException(Failure);
            }
            else
            {
                _completion.TrySetResult(_value!);
            }
        }

        public override void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
