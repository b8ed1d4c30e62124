using Orchestration.Core.Domain;

namespace Orchestration.Engine.Verification;

/// <summary>The verifier's verdict and notes (for <see cref="VerificationStatus.Skipped"/>, the reason it was skipped).</summary>
public sealed record VerificationResult(VerificationStatus Status, string Notes);
