namespace SspKbh.Domain.Conversations;

/// <summary>
/// Version 1 of the concern conversation checklist, seeded on every database when no template exists.
/// Written in our own words after SSP København's pixi "Den Gode Bekymringssamtale" (before: at the
/// coordination group meeting, own preparation, invitation; during: the five phases; after).
/// Administrators edit it as data (a new version per edit); this list is only the starting point.
/// </summary>
public static class DefaultChecklist
{
    public const int Version = 1;

    public static IReadOnlyList<ChecklistItemDraft> Items { get; } =
    [
        // Før – på koordinationsgruppemødet
        new(ChecklistSection.AtGroupMeeting, "Aftal, hvem der deltager i samtalen, og hvad hver enkelt kan bidrage med.",
            "Så få fagpersoner som muligt – helst dem, der allerede kender den unge."),
        new(ChecklistSection.AtGroupMeeting, "Afklar, om andre ressourcepersoner i den unges liv skal inddrages, og hvem der kontakter dem."),
        new(ChecklistSection.AtGroupMeeting, "Aftal, hvem der indhenter viden fra fagpersoner uden for koordinationsgruppen før samtalen."),
        new(ChecklistSection.AtGroupMeeting, "Tag stilling til, om der er brug for tolk, og i så fald til hvilket sprog."),

        // Før – egen forberedelse
        new(ChecklistSection.OwnPreparation, "Fastlæg sted, dato og klokkeslæt for samtalen.",
            "Fx skolen, fritidscentret, hjemmet, BBU eller politiet. Vælg ud fra, hvem der har rejst bekymringen, hvor adfærden viser sig, og hvor alvorlig den er."),
        new(ChecklistSection.OwnPreparation, "Planlæg, hvor lang tid samtalen skal vare.", "Sigt efter 45–60 minutter."),
        new(ChecklistSection.OwnPreparation, "Send indkaldelse til de fagpersoner, der skal deltage."),
        new(ChecklistSection.OwnPreparation, "Hent viden om den unges udfordringer og ressourcer hos fagpersoner, der kender den unge."),
        new(ChecklistSection.OwnPreparation, "Gennemgå sagen og tidligere oplysninger om den unge i fagsystemerne."),
        new(ChecklistSection.OwnPreparation, "Skab dig et overblik over den unges situation ud fra risiko- og beskyttelsesfaktorerne."),
        new(ChecklistSection.OwnPreparation, "Forbered spørgsmål og de vigtigste temaer, samtalen skal nå omkring.",
            "Fx kriminalitet, trivsel, relationer, skole og fritid – både det svære og det, der går godt. Notér gerne idéer til aktiviteter eller aftaler."),
        new(ChecklistSection.OwnPreparation, "Sørg for samtykke, hvis en deltager ikke er myndighedsperson.",
            "Uden samtykke må oplysninger om den unge ikke deles med personer uden myndighed."),
        new(ChecklistSection.OwnPreparation, "Hold et kort formøde med de fagpersoner, der deltager."),

        // Før – indkaldelse af den unge og forældremyndighedsindehaverne
        new(ChecklistSection.Invitation, "Indkald den unge og forældremyndighedsindehaveren eller -indehaverne."),
        new(ChecklistSection.Invitation, "Fortæl kort, hvorfor I gerne vil tale med familien, hvem der deltager, og hvornår og hvor samtalen foregår.",
            "Pr. brev eller telefon. Notér en telefonisk indkaldelse i forløbet."),
        new(ChecklistSection.Invitation, "Gør det klart, at samtalen er et tilbud og ikke noget, familien skal."),

        // Under – fase 1: indledning
        new(ChecklistSection.Phase1Introduction, "Begynd med at skabe en tryg og afslappet stemning."),
        new(ChecklistSection.Phase1Introduction, "Forklar, hvad SSP er, og at den unge har været drøftet i SSP-samarbejdet."),
        new(ChecklistSection.Phase1Introduction, "Lad fagpersonerne præsentere sig selv."),
        new(ChecklistSection.Phase1Introduction, "Sig, hvor lang tid samtalen varer."),

        // Under – fase 2: bekymringen
        new(ChecklistSection.Phase2Concern, "Forklar formålet med samtalen."),
        new(ChecklistSection.Phase2Concern, "Beskriv bekymringen for kriminalitet konkret, så den unge og familien kan forstå den.",
            "Hold dig til det, I ved – konkrete hændelser frem for vurderinger."),

        // Under – fase 3: ressourcer og udfordringer
        new(ChecklistSection.Phase3Mapping, "Lad hver fagperson give sit syn på den unge og bekymringen."),
        new(ChecklistSection.Phase3Mapping, "Giv den unge og familien plads til at fortælle, hvordan de selv oplever situationen."),
        new(ChecklistSection.Phase3Mapping, "Kortlæg sammen den unges og familiens ressourcer og udfordringer."),

        // Under – fase 4: tiltag og aftaler
        new(ChecklistSection.Phase4Agreements, "Beslut konkrete aftaler sammen med den unge og forældrene, hvis det giver mening.",
            "Hvor alvorlig bekymringen er, og hvordan samtalen er forløbet, afgør om – og hvilke – aftaler der er relevante."),
        new(ChecklistSection.Phase4Agreements, "Notér for hver aftale, hvad der skal ske, hvem der står for det, hvornår, og hvordan der følges op."),

        // Under – fase 5: afslutning
        new(ChecklistSection.Phase5Closing, "Gentag aftalerne kort."),
        new(ChecklistSection.Phase5Closing, "Gør det tydeligt, hvem der gør hvad, og hvem der giver besked til hvem, når samtalen er slut."),
        new(ChecklistSection.Phase5Closing, "Aftal, om og hvordan der bliver fulgt op."),
        new(ChecklistSection.Phase5Closing, "Giv familien dine kontaktoplysninger, så de kan vende tilbage med spørgsmål."),
        new(ChecklistSection.Phase5Closing, "Spørg den unge og familien, hvordan de har oplevet samtalen."),

        // Efter
        new(ChecklistSection.After, "Tag en kort snak fagpersonerne imellem, så I står med en fælles forståelse af samtalen."),
        new(ChecklistSection.After, "Orientér SSP-kolleger og andre i den unges netværk om aftalerne, hvor det er relevant.",
            "Husk samtykke, før oplysninger deles med personer uden myndighed."),
        new(ChecklistSection.After, "Følg op på aftalerne med den unge og familien – som aftalt, eller på eget initiativ."),
        new(ChecklistSection.After, "Journalisér samtalen i fagsystemerne efter gældende praksis."),
    ];

    /// <summary>Version 1 as a new (unsaved) template.</summary>
    public static ChecklistTemplate Create(DateTime nowUtc) => ChecklistTemplate.Create(Version, Items, null, nowUtc);
}
