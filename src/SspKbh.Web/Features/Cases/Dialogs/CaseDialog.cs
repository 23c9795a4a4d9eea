using System.Security.Claims;
using SspKbh.Web.Components.Interactive;

namespace SspKbh.Web.Features.Cases.Dialogs;

/// <summary>
/// A dialog that changes the case itself: it reads the case as it is now (<c>CasePageLoader.LoadFormAsync</c>, with its
/// concurrency stamp, audited with purpose "edit") and saves through <see cref="CaseWorkService"/>.
/// </summary>
public abstract class CaseDialog<TInput> : FormDialog<CaseFormData, TInput>
    where TInput : class
{
    /// <summary>Whether the dialog needs the case's risk and protective factors.</summary>
    protected virtual bool WithFactors => false;

    protected abstract Task<WorkResult> SaveAsync(CaseWorkService work, TInput input, ClaimsPrincipal user);

    protected sealed override Task<(LookupOutcome Outcome, CaseFormData? Data)> ReadAsync(UiOperations operations, ClaimsPrincipal user) =>
        operations.RunAsync<CasePageLoader, (LookupOutcome, CaseFormData?)>(loader => loader.LoadFormAsync(CaseId, WithFactors, user, CancellationToken.None));

    protected sealed override Task<WorkResult> WriteAsync(UiOperations operations, TInput input, ClaimsPrincipal user) =>
        operations.RunAsync<CaseWorkService, WorkResult>(work => SaveAsync(work, input, user));
}
