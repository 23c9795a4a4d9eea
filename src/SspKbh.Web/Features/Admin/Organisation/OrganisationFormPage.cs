using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using SspKbh.Web.Components.Interactive;
using SspKbh.Web.Infrastructure;

namespace SspKbh.Web.Features.Admin.Organisation;

/// <summary>
/// What the party, group and lokalområde pages share: the form is read in one operation (carried from the prerender
/// into the circuit by the page's <c>[PersistentState]</c>), validated while the administrator types with the
/// service's own validator, saved in a DI scope of its own with the administrator passed explicitly, and a save that
/// someone else's save made stale offers the newest version. A successful save says what was saved and returns to the
/// overview.
/// </summary>
public abstract class OrganisationFormPage<TForm, TInput> : ComponentBase
    where TForm : class
    where TInput : class
{
    [Inject] protected UiOperations Operations { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The form as read (the page persists it); null while loading or when refused.</summary>
    protected abstract TForm? Form { get; set; }

    protected abstract TInput? InputOf(TForm? form);

    protected abstract IValidator<TInput> Validator { get; }

    protected abstract Task<TForm?> ReadAsync(OrganisationAdministration organisation, ClaimsPrincipal user);

    protected abstract Task<ServiceResult> WriteAsync(OrganisationAdministration organisation, TInput input, ClaimsPrincipal user);

    /// <summary>"Parten er gemt." and the like (issue 16 #25).</summary>
    protected abstract string SavedText { get; }

    protected TInput? Input => InputOf(Form);

    protected FormChecks<TInput> Checks { get; private set; } = default!;

    protected MudForm? MudForm { get; set; }

    protected bool Refused { get; private set; }

    protected bool Busy { get; private set; }

    private ClaimsPrincipal user = new();

    protected override async Task OnInitializedAsync()
    {
        user = (await AuthenticationState).User;
        if (Form is null)
        {
            await LoadAsync();
        }

        Checks = new FormChecks<TInput>(() => Input!, Validator);
    }

    private async Task LoadAsync()
    {
        Form = await Operations.RunAsync<OrganisationAdministration, TForm?>(organisation => ReadAsync(organisation, user));
        Refused = Form is null;
    }

    /// <summary>After a conflict: the newest version replaces what the form showed.</summary>
    protected async Task ReloadAsync()
    {
        await LoadAsync();
        Checks.Clear();
    }

    protected async Task SaveAsync()
    {
        if (Busy || MudForm is null || Input is null)
        {
            return;
        }

        Busy = true;
        try
        {
            Checks.Clear();
            await MudForm.ValidateAsync();
            if (!MudForm.IsValid)
            {
                Checks.Refused(MudForm.Errors);
                return;
            }

            // The service reads a copy; the form keeps what the administrator typed.
            var input = System.Text.Json.JsonSerializer.Deserialize<TInput>(System.Text.Json.JsonSerializer.Serialize(Input))!;
            var result = await Operations.RunAsync<OrganisationAdministration, ServiceResult>(organisation => WriteAsync(organisation, input, user));
            if (result.Succeeded)
            {
                Snackbar.Add(SavedText, MudBlazor.Severity.Success);
                Navigation.NavigateTo("/admin/organisation");
                return;
            }

            Checks.Refused(result);
            await MudForm.ValidateAsync();
        }
        finally
        {
            Busy = false;
        }
    }
}
