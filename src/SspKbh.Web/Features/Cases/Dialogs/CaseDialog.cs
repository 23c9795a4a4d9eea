using System.Security.Claims;
using SspKbh.Web.Components.Interactive;

namespace SspKbh.Web.Features.Cases.Dialogs;

/// <summary>
/// A dialog that changes a case: it reads the case as it is now (<c>CasePageLoader.LoadFormAsync</c>, with its
/// concurrency stamp, audited with purpose "edit") and saves through <typeparamref name="TService"/>
/// (<see cref="CaseWorkService"/> for the case's own fields, <see cref="CaseActivityService"/> for a new action).
/// </summary>
public abstract class CaseDialog<TInput, TService> : FormDialog<CaseFormData, TInput>
    where TInput : class
    where TService : notnull
{
    /// <summary>Whether the dialog needs the case's risk and protective factors.</summary>
    protected virtual bool WithFactors => false;

    protected abstract Task<WorkResult> SaveAsync(TService service, TInput input, ClaimsPrincipal user);

    protected sealed override Task<(LookupOutcome Outcome, CaseFormData? Data)> ReadAsync(UiOperations operations, ClaimsPrincipal user) =>
        operations.RunAsync<CasePageLoader, (LookupOutcome, CaseFormData?)>(loader => loader.LoadFormAsync(CaseId, WithFactors, user, CancellationToken.None));

    protected sealed override Task<WorkResult> WriteAsync(UiOperations operations, TInput input, ClaimsPrincipal user) =>
        operations.RunAsync<TService, WorkResult>(service => SaveAsync(service, input, user));
}

/// <summary>A dialog that changes the case's own fields, through <see cref="CaseWorkService"/>.</summary>
public abstract class CaseDialog<TInput> : CaseDialog<TInput, CaseWorkService>
    where TInput : class;
