using Orchestration.Engine.Rag;
using Orchestration.Server.Infrastructure;
using Orchestration.Storage.Rag;

namespace Orchestration.Server.Rag;

/// <summary>Turns the knowledge databases' exceptions into the API's problems: unknown database 404, bad argument
/// 422 (naming the field), a database built by another embedder or a write to an external database 409.</summary>
internal static class RagProblems
{
    public static async ValueTask<object?> TranslateAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (RagDatabaseNotFoundException e)
        {
            throw new ResourceNotFoundException($"The knowledge database '{e.Database}'");
        }
        catch (RagRequestException e)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { [e.Field] = [e.Message] });
        }
        catch (RagEmbedderMismatchException e)
        {
            throw new ResourceConflictException(e.Message);
        }
        catch (RagReadOnlyException e)
        {
            throw new ResourceConflictException(e.Message);
        }
    }
}
