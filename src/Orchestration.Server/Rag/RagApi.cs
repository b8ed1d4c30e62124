using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestration.Core.Domain;
using Orchestration.Engine.Rag;
using Orchestration.Server.Auth;
using Orchestration.Server.Infrastructure;

namespace Orchestration.Server.Rag;

/// <summary>The knowledge databases (docs/api.md, "Knowledge databases (RAG)"): listing and search for every signed-in
/// user, ingestion for admins.</summary>
public static class RagApi
{
    public static IEndpointRouteBuilder MapRag(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rag/databases").WithTags("RAG").RequireAuthorization().AddEndpointFilter(RagProblems.TranslateAsync);
        group.MapGet("", ListAsync);
        group.MapGet("/{name}/sources", SourcesAsync);
        group.MapGet("/{name}/documents", DocumentsAsync);
        group.MapPost("/{name}/documents", AddDocumentsAsync).RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy);
        group.MapPut("/{name}/sources/{**source}", ReplaceSourceAsync).RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy);
        group.MapDelete("/{name}/sources/{**source}", DeleteSourceAsync).RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy);
        group.MapDelete("/{name}/documents/{id}", DeleteDocumentAsync).RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy);
        group.MapPost("/{name}/search", SearchAsync);
        return app;
    }

    private static async Task<Ok<List<RagDatabaseDto>>> ListAsync(IRagCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok((await catalog.ListAsync(cancellationToken)).Select(d => new RagDatabaseDto(
            d.Name, d.Exists, d.IndexStatus.ToWire(), d.ChunkCount, d.SourceCount, d.FileSizeBytes,
            [.. d.Sources.Select(s => new RagSourceDto(s.Source, s.Count, s.ChunkCount))], d.DocumentCount, d.Embedder, d.Dimensions, d.IndexKind, d.IndexProgress, d.External)).ToList());

    private static async Task<Ok<List<RagSourceDto>>> SourcesAsync(string name, IRagCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok((await catalog.ListSourcesAsync(name, cancellationToken)).Select(s => new RagSourceDto(s.Source, s.Count, s.ChunkCount)).ToList());

    private static async Task<Ok<RagDocumentPageDto>> DocumentsAsync(
        string name, IRagCatalog catalog, [FromQuery] string? source, [FromQuery] int? offset, [FromQuery] int? limit,
        CancellationToken cancellationToken)
    {
        var page = await catalog.ListDocumentsAsync(
            name, string.IsNullOrEmpty(source) ? null : source, offset ?? 0, limit ?? RagLimits.DefaultPageSize, cancellationToken);
        return TypedResults.Ok(new RagDocumentPageDto(page.Total, [.. page.Items.Select(d =>
            new RagDocumentDto(d.Id, d.TypeName, d.Source, d.TextPreview, d.ChunkCount, d.CreatedAt, d.ContentHash))]));
    }

    private static async Task<Ok<AddRagDocumentsResponse>> AddDocumentsAsync(
        string name, AddRagDocumentsRequest request, IRagCatalog catalog, CancellationToken cancellationToken)
    {
        RequireDatabase(catalog, name);
        if (request.Documents is null)
        {
            new Validator().Add("documents", "'documents' is required: a list of {source, text, type_name?, metadata?}.").ThrowIfInvalid();
        }
        var documents = request.Documents!.Select(d => new RagDocumentInput(d?.Source ?? "", d?.Text ?? "", d?.TypeName, d?.Metadata)).ToList();
        var result = await catalog.AddDocumentsAsync(name, documents, cancellationToken);
        return TypedResults.Ok(new AddRagDocumentsResponse(result.Added, result.Skipped, result.Chunks));
    }

    private static async Task<Ok<ReplaceRagSourceResponse>> ReplaceSourceAsync(
        string name, string source, ReplaceRagSourceRequest request, IRagCatalog catalog, CancellationToken cancellationToken)
    {
        RequireDatabase(catalog, name);
        if (request.Documents is null)
        {
            new Validator().Add("documents", "'documents' is required: the list of {text, type_name?, metadata?} the source is to hold ([] empties it).").ThrowIfInvalid();
        }
        var documents = request.Documents!.Select(d => new RagDocumentInput(d?.Source ?? "", d?.Text ?? "", d?.TypeName, d?.Metadata)).ToList();
        var result = await catalog.ReplaceSourceAsync(name, source, documents, cancellationToken);
        return TypedResults.Ok(new ReplaceRagSourceResponse(source, result.Added, result.Unchanged, result.Removed, result.ChunksAdded, result.ChunksRemoved));
    }

    private static async Task<Ok<DeleteRagDocumentsResponse>> DeleteSourceAsync(
        string name, string source, IRagCatalog catalog, CancellationToken cancellationToken)
    {
        RequireDatabase(catalog, name);
        var removed = await catalog.DeleteSourceAsync(name, source, cancellationToken);
        return removed.Documents > 0
            ? TypedResults.Ok(new DeleteRagDocumentsResponse(removed.Documents, removed.ChunkIds.Count))
            : throw new ResourceNotFoundException($"The source '{source}' of '{name}'");
    }

    private static async Task<NoContent> DeleteDocumentAsync(string name, string id, IRagCatalog catalog, CancellationToken cancellationToken)
    {
        RequireDatabase(catalog, name);
        var removed = await catalog.DeleteDocumentAsync(name, id, cancellationToken);
        return removed.Documents > 0 ? TypedResults.NoContent() : throw new ResourceNotFoundException($"The document '{id}' of '{name}'");
    }

    private static void RequireDatabase(IRagCatalog catalog, string name)
    {
        if (!catalog.Contains(name))
        {
            throw new ResourceNotFoundException($"The knowledge database '{name}'");
        }
    }

    private static async Task<Ok<List<RagSearchHitDto>>> SearchAsync(
        string name, RagSearchRequest request, IRagSearch search, CancellationToken cancellationToken)
    {
        if (!search.Databases.Contains(name, StringComparer.Ordinal))
        {
            throw new ResourceNotFoundException($"The knowledge database '{name}'");
        }
        var validator = new Validator();
        var mode = validator.Enum<RagSearchMode>("mode", request.Mode);
        validator.ThrowIfInvalid();
        var hits = await search.SearchAsync(name, request.Query ?? "", request.TopK, mode ?? RagSearchMode.Semantic, cancellationToken);
        return TypedResults.Ok(hits.Select(h => new RagSearchHitDto(
            h.DocumentId, h.Source, h.TypeName, h.Text, h.Score, h.ChunkIndex, h.Match.ToWire(), h.Snippet)).ToList());
    }
}
