using System.Text;
using Microsoft.Extensions.AI;
using Orchestration.Core.Pricing;

namespace Orchestration.Engine.Models.Pipeline;

internal sealed partial class BudgetChatClient
{
    /// <summary>What a stream has delivered so far: its text, its usage reports and how it ended.</summary>
    private sealed class StreamTally
    {
        private readonly StringBuilder _text = new();
        private UsageDetails? _usage;

        public Exception? Failure { get; private set; }
        public string Text => _text.ToString();
        public TokenUsage? Usage => UsageMapping.From(_usage);

        public async Task<bool> NextAsync(IAsyncEnumerator<ChatResponseUpdate> stream)
        {
            bool more;
            try
            {
                more = await stream.MoveNextAsync();
            }
            catch (Exception ex)
            {
                Failure = ex;
                throw;
            }
            if (more)
            {
                _text.Append(stream.Current.Text);
                foreach (var usage in stream.Current.Contents.OfType<UsageContent>())
                {
                    (_usage ??= new UsageDetails()).Add(usage.Details);
                }
            }
            return more;
        }
    }
}
