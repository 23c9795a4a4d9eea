using Microsoft.AspNetCore.Components.Forms;
using SspKbh.Web.Features.Admin;

using SspKbh.Web.Infrastructure;

namespace SspKbh.Web.Components.Shared;

public static class FormResult
{
    /// <summary>Shows a service's field errors next to the fields and returns its general errors.</summary>
    public static List<string> Show(this ServiceResult result, EditContext editContext, ValidationMessageStore store)
    {
        foreach (var (field, messages) in result.FieldErrors)
        {
            store.Add(editContext.Field(field), messages);
        }

        editContext.NotifyValidationStateChanged();
        return result.GeneralErrors;
    }
}
