using Microsoft.Extensions.AI;

namespace Orchestration.Engine.Models;

/// <summary>
/// The gateway's streaming door: the same routing, budget and usage recording as <see cref="IModelGateway"/>, with
/// the answer delivered as it is generated. Provider failures are retried only before the first update. The last
/// update carries the call's facts in AdditionalProperties: <c>orch.provider</c>, <c>orch.model</c>,
/// <c>orch.cost_usd</c> (decimal) and <c>orch.simulated</c> (bool).
/// </summary>
public interface IModelStreamingGateway
{
    IAsyncEnumerable<ChatResponseUpdate> StreamAsync(ModelRequest request, CancellationToken cancellationToken);
}
