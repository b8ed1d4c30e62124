namespace Orchestration.Cli.Runs;

/// <summary>
/// While a person follows a run on a terminal, the first Ctrl-C does not end `orch`: it stops the following, so that
/// the person can say whether to pause or cancel the run (<see cref="RunInterruption"/>). A second Ctrl-C ends `orch`.
/// </summary>
internal sealed class CtrlC : IDisposable
{
    private readonly CancellationTokenSource _pressed;
    private readonly bool _listening;

    private CtrlC(bool listen, CancellationToken cancellationToken)
    {
        _pressed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _listening = listen;
        if (listen)
        {
            Console.CancelKeyPress += OnCancelKeyPress;
        }
    }

    /// <summary>Cancelled by Ctrl-C (when listening) or by <c>cancellationToken</c>.</summary>
    public CancellationToken Token => _pressed.Token;

    public bool Pressed { get; private set; }

    /// <summary>Listens only where a person can answer: a terminal on standard input and output.</summary>
    public static CtrlC Listen(bool interactive, CancellationToken cancellationToken) =>
        new(interactive && !Console.IsInputRedirected && !Console.IsOutputRedirected, cancellationToken);

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        Pressed = true;
        Console.CancelKeyPress -= OnCancelKeyPress;
        _pressed.Cancel();
    }

    public void Dispose()
    {
        if (_listening)
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
        }
        _pressed.Dispose();
    }
}
