using System.Collections.Frozen;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace SspKbh.Web.Components.Mud;

/// <summary>
/// Danish texts and aria labels for MudBlazor's own components (pagers, pickers, dialogs, data grid ...).
/// MudBlazor ships only English, and MudBlazor.Translations is not available to us, so without this
/// class screen readers and users would meet English labels in an otherwise Danish UI.
/// </summary>
/// <remarks>
/// <para>
/// MudBlazor's <c>DefaultLocalizationInterceptor</c> asks a registered <see cref="MudLocalizer"/> first
/// whenever the current UI culture is not English, and falls back to its English resource when the
/// answer has <see cref="LocalizedString.ResourceNotFound"/> set. Keys missing here therefore show
/// English rather than break anything.
/// </para>
/// <para>
/// <see cref="Texts"/> holds every key of MudBlazor 9.14.0's <c>MudBlazor.Resources.LanguageResource</c>
/// (163 keys). Placeholders are positional (<c>{0}</c>, <c>{1}</c> ...) exactly as in the English
/// resource: the base class formats them with <c>string.Format</c>.
/// <c>MudLocalizerTests</c> fails when a MudBlazor upgrade adds a key or a placeholder.
/// </para>
/// </remarks>
public sealed class DanishMudLocalizer : MudLocalizer
{
    /// <summary>Danish text per MudBlazor resource key.</summary>
    public static IReadOnlyDictionary<string, string> Texts { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Value converters (validation messages on inputs).
        ["Converter_ConversionError"] = "Konverteringsfejl: {0}",
        ["Converter_ConversionFailed"] = "Konvertering fra {0} til {1} mislykkedes: {2}",
        ["Converter_ConversionNotImplemented"] = "Konvertering til typen {0} understøttes ikke",
        ["Converter_InvalidBoolean"] = "Ikke en gyldig ja/nej-værdi",
        ["Converter_InvalidDateTime"] = "Ikke en gyldig dato og tid",
        ["Converter_InvalidGUID"] = "Ikke et gyldigt GUID",
        ["Converter_InvalidNumber"] = "Ikke et gyldigt tal",
        ["Converter_InvalidTimeSpan"] = "Ikke et gyldigt tidsrum",
        ["Converter_InvalidType"] = "Ikke en gyldig værdi af typen {0}",
        ["Converter_NotValueOf"] = "Ikke en værdi af typen {0}",
        ["Converter_UnableToConvert"] = "Kan ikke konvertere til {0} fra typen {1}",

        ["HeatMap_Less"] = "Mindre",
        ["HeatMap_More"] = "Mere",

        ["MudAlert_Close"] = "Luk",

        // Date pickers; {0} is the month or year the button moves to.
        ["MudBaseDatePicker_NextMonth"] = "Næste måned {0}",
        ["MudBaseDatePicker_NextYear"] = "Næste år {0}",
        ["MudBaseDatePicker_Open"] = "Vælg dato",
        ["MudBaseDatePicker_PrevMonth"] = "Forrige måned {0}",
        ["MudBaseDatePicker_PrevYear"] = "Forrige år {0}",
        ["MudDateRangePicker_End"] = "Slutdato",
        ["MudDateRangePicker_Start"] = "Startdato",

        ["MudBreadcrumbs_Label"] = "Brødkrumme",

        ["MudCarousel_Index"] = "Element {0}",
        ["MudCarousel_Next"] = "Næste",
        ["MudCarousel_Previous"] = "Forrige",

        ["MudChip_Close"] = "Fjern",

        // Colour picker.
        ["MudColorPicker_Alpha"] = "Alfa",
        ["MudColorPicker_AlphaSlider"] = "Skyder for alfa (gennemsigtighed)",
        ["MudColorPicker_Blue"] = "Blå",
        ["MudColorPicker_Close"] = "Luk",
        ["MudColorPicker_Green"] = "Grøn",
        ["MudColorPicker_GridView"] = "Gitter",
        ["MudColorPicker_Hex"] = "Hex",
        ["MudColorPicker_HideSwatches"] = "Skjul farveprøver",
        ["MudColorPicker_Hue"] = "Farvetone",
        ["MudColorPicker_HueSlider"] = "Skyder for farvetone",
        ["MudColorPicker_Lightness"] = "Lyshed",
        ["MudColorPicker_ModeSwitch"] = "Skift tilstand",
        ["MudColorPicker_Open"] = "Vælg farve",
        ["MudColorPicker_PaletteView"] = "Palet",
        ["MudColorPicker_Red"] = "Rød",
        ["MudColorPicker_Saturation"] = "Mætning",
        ["MudColorPicker_ShowSwatches"] = "Vis farveprøver",
        ["MudColorPicker_SpectrumView"] = "Spektrum",

        // Pager under MudDataGrid and MudTable. InfoFormat: {0} first row, {1} last row, {2} total.
        ["MudDataGridPager_AllItems"] = "Alle",
        ["MudDataGridPager_FirstPage"] = "Første side",
        ["MudDataGridPager_InfoFormat"] = "{0}-{1} af {2}",
        ["MudDataGridPager_LastPage"] = "Sidste side",
        ["MudDataGridPager_NextPage"] = "Næste side",
        ["MudDataGridPager_PreviousPage"] = "Forrige side",
        ["MudDataGridPager_RowsPerPage"] = "Rækker pr. side:",
        ["MudTablePager_FirstPage"] = "Første side",
        ["MudTablePager_LastPage"] = "Sidste side",
        ["MudTablePager_NextPage"] = "Næste side",
        ["MudTablePager_PreviousPage"] = "Forrige side",

        // Data grid: menus, filters, grouping, selection.
        ["MudDataGrid_AddFilter"] = "Tilføj filter",
        ["MudDataGrid_Apply"] = "Anvend",
        ["MudDataGrid_Cancel"] = "Annuller",
        ["MudDataGrid_Clear"] = "Ryd",
        ["MudDataGrid_ClearFilter"] = "Ryd filter",
        ["MudDataGrid_CollapseAllGroups"] = "Fold alle grupper sammen",
        ["MudDataGrid_CollapseGroup"] = "Fold gruppe sammen",
        ["MudDataGrid_Column"] = "Kolonne",
        ["MudDataGrid_Columns"] = "Kolonner",
        ["MudDataGrid_ExpandAllGroups"] = "Fold alle grupper ud",
        ["MudDataGrid_ExpandGroup"] = "Fold gruppe ud",
        ["MudDataGrid_False"] = "falsk",
        ["MudDataGrid_Filter"] = "Filtrer",
        ["MudDataGrid_FilterValue"] = "Filterværdi",
        ["MudDataGrid_Group"] = "Gruppér",
        ["MudDataGrid_Hide"] = "Skjul",
        ["MudDataGrid_HideAll"] = "Skjul alle",
        ["MudDataGrid_Loading"] = "Indlæser…",
        ["MudDataGrid_MoveDown"] = "Flyt ned",
        ["MudDataGrid_MoveUp"] = "Flyt op",
        ["MudDataGrid_OpenFilters"] = "Åbn filtre",
        ["MudDataGrid_Operator"] = "Operator",
        ["MudDataGrid_RefreshData"] = "Opdater data",
        ["MudDataGrid_RemoveFilter"] = "Fjern filter",
        ["MudDataGrid_ReorderColumn"] = "Flyt kolonne",
        ["MudDataGrid_Save"] = "Gem",
        ["MudDataGrid_SelectAllRows"] = "Vælg alle rækker",
        ["MudDataGrid_SelectRow"] = "Vælg række",
        ["MudDataGrid_ShowAll"] = "Vis alle",
        ["MudDataGrid_ShowColumnOptions"] = "Kolonneindstillinger",
        ["MudDataGrid_Sort"] = "Sorter",
        ["MudDataGrid_ToggleGroupExpansion"] = "Fold gruppe ud eller sammen",
        ["MudDataGrid_True"] = "sand",
        ["MudDataGrid_Ungroup"] = "Fjern gruppering",
        ["MudDataGrid_Unsort"] = "Fjern sortering",
        ["MudDataGrid_Value"] = "Værdi",

        // Data grid filter operators (lower case: they read as part of "<column> <operator> <value>").
        ["MudDataGrid_Contains"] = "indeholder",
        ["MudDataGrid_EndsWith"] = "slutter med",
        ["MudDataGrid_Equals"] = "er lig med",
        ["MudDataGrid_Is"] = "er",
        ["MudDataGrid_IsAfter"] = "er efter",
        ["MudDataGrid_IsAnyOf"] = "er en af",
        ["MudDataGrid_IsBefore"] = "er før",
        ["MudDataGrid_IsEmpty"] = "er tom",
        ["MudDataGrid_IsNot"] = "er ikke",
        ["MudDataGrid_IsNotEmpty"] = "er ikke tom",
        ["MudDataGrid_IsOnOrAfter"] = "er fra og med",
        ["MudDataGrid_IsOnOrBefore"] = "er til og med",
        ["MudDataGrid_NotContains"] = "indeholder ikke",
        ["MudDataGrid_NotEquals"] = "er ikke lig med",
        ["MudDataGrid_StartsWith"] = "starter med",
        ["MudDataGrid_EqualSign"] = "=",
        ["MudDataGrid_GreaterThanOrEqualSign"] = ">=",
        ["MudDataGrid_GreaterThanSign"] = ">",
        ["MudDataGrid_LessThanOrEqualSign"] = "<=",
        ["MudDataGrid_LessThanSign"] = "<",
        ["MudDataGrid_NotEqualSign"] = "!=",

        ["MudDialog_Close"] = "Luk",

        // Prompt before leaving a page with unsaved changes.
        ["MudExitPrompt_Cancel"] = "Annuller",
        ["MudExitPrompt_Exit"] = "OK",
        ["MudExitPrompt_Text"] = "Vil du forlade siden? Dine ændringer bliver måske ikke gemt.",
        ["MudExitPrompt_Title"] = "Forlad siden",

        // File upload; FileSizeError: {0} file name, {1} maximum size in bytes.
        ["MudFileUpload_Button"] = "Vælg filer",
        ["MudFileUpload_DragAndDrop"] = "Træk filer hertil, eller klik for at vælge filer",
        ["MudFileUpload_FileSizeError"] = "Filen \"{0}\" er større end den tilladte størrelse på {1} byte.",
        ["MudFileUpload_MaximumFileCountExceeded"] = "Du har valgt {0} filer. Du kan højst vælge {1}.",

        ["MudFormComponent_Required"] = "Skal udfyldes",

        ["MudInput_Clear"] = "Ryd",
        ["MudInput_Decrement"] = "Formindsk",
        ["MudInput_Increment"] = "Forøg",

        ["MudNavGroup_ToggleExpand"] = "Fold {0} ud eller sammen",

        ["MudPageContentNavigation_NavMenu"] = "Indhold",

        ["MudPagination_CurrentPage"] = "Aktuel side {0}",
        ["MudPagination_FirstPage"] = "Første side",
        ["MudPagination_LastPage"] = "Sidste side",
        ["MudPagination_NextPage"] = "Næste side",
        ["MudPagination_PageIndex"] = "Side {0}",
        ["MudPagination_PreviousPage"] = "Forrige side",

        ["MudRangeInput_End"] = "Til",
        ["MudRangeInput_Start"] = "Fra",

        ["MudRating_Label"] = "Bedømmelse",
        ["MudRatingItem_Label"] = "Bedømmelse {0}",

        ["MudSelect_SelectAll"] = "Vælg alle",

        ["MudSnackbar_Close"] = "Luk",

        ["MudSplitPanel_ResizePanels"] = "Tilpas panelernes størrelse",

        ["MudStepper_Complete"] = "Fuldfør",
        ["MudStepper_Next"] = "Næste",
        ["MudStepper_Previous"] = "Forrige",
        ["MudStepper_Reset"] = "Nulstil",
        ["MudStepper_Skip"] = "Spring over",

        ["MudTable_CancelEditRow"] = "Annuller redigering",
        ["MudTable_CollapseGroup"] = "Fold gruppe sammen",
        ["MudTable_CommitRow"] = "Gem ændringer",
        ["MudTable_EditRow"] = "Rediger række",
        ["MudTable_ExpandGroup"] = "Fold gruppe ud",
        ["MudTable_Loading"] = "Indlæser…",
        ["MudTable_SelectAllRows"] = "Vælg alle rækker",
        ["MudTable_SelectGroup"] = "Vælg gruppe",
        ["MudTable_SelectRow"] = "Vælg række",

        ["MudTabs_AddTab"] = "Tilføj fane",
        ["MudTabs_CloseTab"] = "Luk fane",
        ["MudTabs_ScrollDown"] = "Rul faner ned",
        ["MudTabs_ScrollLeft"] = "Rul faner til venstre",
        ["MudTabs_ScrollRight"] = "Rul faner til højre",
        ["MudTabs_ScrollUp"] = "Rul faner op",

        ["MudTimePicker_Open"] = "Vælg tidspunkt",

        ["MudTreeView_CollapseItem"] = "Fold sammen",
        ["MudTreeView_ExpandItem"] = "Fold ud",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The Danish text for <paramref name="key"/>; MudBlazor's "not found" answer (English fallback) for an unknown key.</summary>
    public override LocalizedString this[string key] =>
        Texts.TryGetValue(key, out var text) ? new LocalizedString(key, text) : base[key];
}

/// <summary>Registration of <see cref="DanishMudLocalizer"/>.</summary>
public static class DanishMudLocalizerSetup
{
    /// <summary>
    /// Registers <see cref="DanishMudLocalizer"/> as the transient <see cref="MudLocalizer"/>.
    /// Call it after <c>services.AddMudServices()</c>. MudBlazor 9.14's <c>AddMudServices</c>/<c>AddMudLocalization</c>
    /// registers its interceptors with <c>TryAdd</c> and no <see cref="MudLocalizer"/> at all; the interceptor takes
    /// an optional <see cref="MudLocalizer"/> from DI. <c>Replace</c>
    /// removes any earlier <see cref="MudLocalizer"/> registration (ours wins if MudBlazor ever adds a default
    /// before us), and a later <c>TryAdd</c> by MudBlazor cannot displace it, so the order does not matter today.
    /// </summary>
    public static IServiceCollection AddDanishMudLocalizer(this IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Transient<MudLocalizer, DanishMudLocalizer>());
}
