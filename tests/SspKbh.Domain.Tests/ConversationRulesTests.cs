using SspKbh.Domain.Cases;
using SspKbh.Domain.Consents;
using SspKbh.Domain.Conversations;

namespace SspKbh.Domain.Tests;

public sealed class ConversationRulesTests
{
    private static readonly DateOnly Day = new(2026, 12, 3);
    private static readonly TimeOnly Ten = new(10, 0);
    private static readonly DateTime NowUtc = new(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>Version 1 with ids, as if loaded from the database.</summary>
    private static ChecklistTemplate SavedTemplate(int id = 7)
    {
        var created = DefaultChecklist.Create(NowUtc);
        return new ChecklistTemplate
        {
            Id = id,
            Version = created.Version,
            CreatedAtUtc = created.CreatedAtUtc,
            Items = created.Items.Select((i, n) => new ChecklistTemplateItem
            {
                Id = id * 1000 + n + 1, TemplateId = id, Stage = i.Stage, Section = i.Section, Position = i.Position, Text = i.Text, Hint = i.Hint,
            }).ToList(),
        };
    }

    private static ConcernConversation Scheduled(DateOnly? date = null, TimeOnly? start = null, int templateId = 7)
    {
        var c = ConcernConversation.Create(1, null, "responsible", CaseLevel.FirstTimeCrime, templateId, "secretary", NowUtc);
        c.ScheduledDate = date ?? Day;
        c.StartTime = start ?? Ten;
        return c;
    }

    [Fact]
    public void The_happy_path_runs_planned_prepared_held_followed_up_journalised_and_each_step_renews_the_stamp()
    {
        var c = Scheduled();
        Assert.Equal(ConversationStatus.Planned, c.Status);
        Assert.Equal(ConcernConversation.DefaultPlannedMinutes, c.PlannedMinutes);

        var stamp = c.ConcurrencyStamp;
        Assert.Null(c.MarkPrepared(Day.AddDays(-2)));
        Assert.Equal(ConversationStatus.Prepared, c.Status);
        Assert.Equal(Day.AddDays(-2), c.PreparedOn);
        Assert.NotEqual(stamp, c.ConcurrencyStamp);

        Assert.Null(c.MarkHeld(Day, Ten));
        Assert.Equal(ConversationStatus.Held, c.Status);
        Assert.Equal(Day, c.HeldOn);

        Assert.Null(c.MarkFollowedUp(Day.AddDays(14)));
        Assert.Equal(Day.AddDays(14), c.FollowedUpOn);

        stamp = c.ConcurrencyStamp;
        Assert.Null(c.Journalise(Day.AddDays(15), "  DOK-2026-1234 "));
        Assert.Equal(ConversationStatus.Journalised, c.Status);
        Assert.Equal("DOK-2026-1234", c.JournalReference);
        Assert.Equal(Day.AddDays(15), c.JournalisedOn);
        Assert.NotEqual(stamp, c.ConcurrencyStamp);
        Assert.True(c.IsClosed);
    }

    [Fact]
    public void A_conversation_cannot_be_marked_held_before_its_time_or_without_a_time()
    {
        var c = Scheduled();
        Assert.Equal("ConversationNotYetHeld", c.MarkHeld(Day.AddDays(-1), new TimeOnly(23, 59)));
        Assert.Equal("ConversationNotYetHeld", c.MarkHeld(Day, new TimeOnly(9, 59)));
        Assert.Equal(ConversationStatus.Planned, c.Status);
        Assert.Null(c.HeldOn);

        var noTime = Scheduled();
        noTime.StartTime = null;
        Assert.Equal("ConversationTimeNotSet", noTime.MarkHeld(Day.AddDays(5), Ten));
        Assert.Equal("ConversationTimeNotSet", noTime.MarkPrepared(Day));
        noTime.ScheduledDate = null;
        noTime.StartTime = Ten;
        Assert.Equal("ConversationTimeNotSet", noTime.MarkHeld(Day.AddDays(5), Ten));
        Assert.Equal(ConversationStatus.Planned, noTime.Status);

        // Marking it held on the day, at the start time, is fine – also straight from Planned.
        Assert.Null(c.MarkHeld(Day, Ten));
    }

    [Fact]
    public void A_conversation_cannot_be_journalised_or_followed_up_before_it_is_held_and_needs_a_reference()
    {
        var c = Scheduled();
        Assert.Equal("ConversationNotHeld", c.Journalise(Day, "DOK-1"));
        Assert.Equal("ConversationNotHeld", c.MarkFollowedUp(Day));
        Assert.Null(c.MarkPrepared(Day));
        Assert.Equal("ConversationNotHeld", c.Journalise(Day, "DOK-1"));
        Assert.Equal(ConversationStatus.Prepared, c.Status);
        Assert.Null(c.JournalisedOn);

        Assert.Null(c.MarkHeld(Day, new TimeOnly(11, 0)));
        Assert.Equal("JournalReferenceRequired", c.Journalise(Day, "  "));
        Assert.Equal("JournalReferenceTooLong", c.Journalise(Day, new string('x', ConcernConversation.JournalReferenceMaxLength + 1)));
        Assert.Equal("ConversationDateBeforeHeld", c.Journalise(Day.AddDays(-1), "DOK-1"));
        Assert.Equal(ConversationStatus.Held, c.Status);

        // Journalised straight after holding it (no follow-up planned) is allowed.
        Assert.Null(c.Journalise(Day, "DOK-1"));
    }

    [Fact]
    public void Declining_and_cancelling_only_before_it_is_held_and_closed_records_never_move_again()
    {
        var declined = Scheduled();
        Assert.Null(declined.Decline(Day.AddDays(-3)));
        Assert.Equal(ConversationStatus.Declined, declined.Status);
        Assert.Equal(Day.AddDays(-3), declined.DeclinedOn);

        var cancelled = Scheduled();
        Assert.Null(cancelled.MarkPrepared(Day));
        Assert.Equal("CancelReasonRequired", cancelled.Cancel(Day, " "));
        Assert.Equal(ConversationStatus.Prepared, cancelled.Status);
        Assert.Null(cancelled.Cancel(Day, "Familien er flyttet fra kommunen."));
        Assert.Equal(ConversationStatus.Cancelled, cancelled.Status);
        Assert.Equal("Familien er flyttet fra kommunen.", cancelled.CancelReason);

        var held = Scheduled();
        Assert.Null(held.MarkHeld(Day, Ten));
        Assert.Equal("ConversationAlreadyHeld", held.Decline(Day));
        Assert.Equal("ConversationAlreadyHeld", held.Cancel(Day, "For sent"));
        Assert.Equal(ConversationStatus.Held, held.Status);

        var journalised = Scheduled();
        Assert.Null(journalised.MarkHeld(Day, Ten));
        Assert.Null(journalised.Journalise(Day, "DOK-9"));
        foreach (var closed in new[] { declined, cancelled, journalised })
        {
            var stamp = closed.ConcurrencyStamp;
            var status = closed.Status;
            Assert.Equal("ConversationClosed", closed.MarkPrepared(Day));
            Assert.Equal("ConversationClosed", closed.MarkHeld(Day.AddDays(1), Ten));
            Assert.Equal("ConversationClosed", closed.MarkFollowedUp(Day.AddDays(1)));
            Assert.Equal("ConversationClosed", closed.Journalise(Day.AddDays(1), "DOK-2"));
            Assert.Equal("ConversationClosed", closed.Decline(Day));
            Assert.Equal("ConversationClosed", closed.Cancel(Day, "Grund"));
            Assert.Equal("ConversationClosed", closed.SetPhaseNote(1, "Noget"));
            Assert.Equal(status, closed.Status);
            Assert.Equal(stamp, closed.ConcurrencyStamp);
        }
    }

    [Fact]
    public void Prepared_twice_or_followed_up_twice_is_refused()
    {
        var c = Scheduled();
        Assert.Null(c.MarkPrepared(Day));
        Assert.Equal("ConversationStatusChangeInvalid", c.MarkPrepared(Day));
        Assert.Null(c.MarkHeld(Day, Ten));
        Assert.Equal("ConversationStatusChangeInvalid", c.MarkHeld(Day, Ten));
        Assert.Equal("ConversationStatusChangeInvalid", c.MarkPrepared(Day));
        Assert.Equal("ConversationDateBeforeHeld", c.MarkFollowedUp(Day.AddDays(-1)));
        Assert.Null(c.MarkFollowedUp(Day.AddDays(7)));
        Assert.Equal("ConversationStatusChangeInvalid", c.MarkFollowedUp(Day.AddDays(8)));
    }

    [Fact]
    public void Planning_checks_length_place_and_interpreter()
    {
        Assert.Empty(ConcernConversation.ValidatePlanning(ConversationPlace.School, null, 60, false, null));
        Assert.Empty(ConcernConversation.ValidatePlanning(null, null, ConcernConversation.MinPlannedMinutes, true, "Arabisk"));
        Assert.Contains(("PlannedMinutes", "ConversationLengthOutOfRange"), ConcernConversation.ValidatePlanning(null, null, 14, false, null));
        Assert.Contains(("PlannedMinutes", "ConversationLengthOutOfRange"), ConcernConversation.ValidatePlanning(null, null, 181, false, null));
        Assert.Empty(ConcernConversation.ValidatePlanning(null, null, ConcernConversation.MaxPlannedMinutes, false, null));
        Assert.Contains(("PlaceDetails", "ConversationPlaceDetailsRequired"), ConcernConversation.ValidatePlanning(ConversationPlace.Other, " ", 60, false, null));
        Assert.Contains(("InterpreterLanguage", "InterpreterLanguageRequired"), ConcernConversation.ValidatePlanning(ConversationPlace.Home, null, 60, true, ""));
        Assert.Contains(("Place", "ConversationPlaceInvalid"), ConcernConversation.ValidatePlanning((ConversationPlace)99, null, 60, false, null));
    }

    [Fact]
    public void Phase_notes_are_kept_per_phase_and_only_for_phases_one_to_five()
    {
        var c = Scheduled();
        Assert.Null(c.SetPhaseNote(3, "  Far fortalte om fodbold. "));
        Assert.Equal("Far fortalte om fodbold.", c.Phase3Note);
        Assert.Equal("Far fortalte om fodbold.", c.PhaseNote(3));
        Assert.Null(c.PhaseNote(1));
        Assert.Equal("ConversationPhaseInvalid", c.SetPhaseNote(6, "x"));
        Assert.Equal("ConversationPhaseNoteTooLong", c.SetPhaseNote(2, new string('x', ConcernConversation.PhaseNoteMaxLength + 1)));
        Assert.Null(c.SetPhaseNote(3, ""));
        Assert.Null(c.Phase3Note);
    }

    [Fact]
    public void An_agreement_needs_what_who_a_follow_up_date_not_before_the_conversation_and_a_follow_up_professional()
    {
        Assert.Empty(ConversationAgreement.Validate("Møder i skole hver dag kl. 8", AgreementResponsible.YoungPerson, "Ali", Day.AddDays(30),
            "Opkald til mor", Day.AddDays(14), "user-1", Day));

        var errors = ConversationAgreement.Validate(" ", null, "", null, null, null, " ", Day);
        Assert.Equal(
            [("What", "AgreementWhatRequired"), ("ResponsibleKind", "AgreementResponsibleRequired"), ("ResponsibleName", "AgreementResponsibleNameRequired"),
             ("FollowUpOn", "AgreementFollowUpDateRequired"), ("FollowUpUserId", "AgreementFollowUpUserRequired")],
            errors);

        var early = ConversationAgreement.Validate("Noget", AgreementResponsible.Parent, "Mor", Day.AddDays(-1), null, Day.AddDays(-1), "user-1", Day);
        Assert.Equal([("DueOn", "AgreementDueBeforeConversation"), ("FollowUpOn", "AgreementFollowUpBeforeConversation")], early);

        Assert.Contains(("ResponsibleKind", "AgreementResponsibleRequired"),
            ConversationAgreement.Validate("Noget", (AgreementResponsible)0, "Mor", null, null, Day, "user-1", Day));
        Assert.Contains(("What", "AgreementWhatTooLong"),
            ConversationAgreement.Validate(new string('x', ConversationAgreement.WhatMaxLength + 1), AgreementResponsible.Parent, "Mor", null, null, Day, "u", Day));
    }

    [Fact]
    public void An_agreement_becomes_a_follow_up_action_owned_by_the_follow_up_professional_and_records_its_outcome()
    {
        var agreement = new ConversationAgreement
        {
            ConversationId = 3, What = "Starter i fodboldklub", ResponsibleKind = AgreementResponsible.YoungPerson, ResponsibleName = "Ali",
            FollowUpOn = Day.AddDays(21), FollowUpUserId = "sof-user",
        };
        Assert.Throws<InvalidOperationException>(() => agreement.ToFollowUpAction(1, "Sara SOF", 2, "secretary", NowUtc));

        agreement.Id = 42;
        var action = agreement.ToFollowUpAction(1, "Sara SOF", 2, "secretary", NowUtc);
        Assert.Equal(42, action.ConversationAgreementId);
        Assert.Equal("sof-user", action.OwnerUserId);
        Assert.Equal(Day.AddDays(21), action.DueOn);
        Assert.Equal(ActionStatus.Planned, action.Status);

        var stamp = agreement.ConcurrencyStamp;
        Assert.Null(agreement.RecordOutcome(AgreementOutcome.PartlyKept, " Kom to ud af tre gange. "));
        Assert.Equal(AgreementOutcome.PartlyKept, agreement.Outcome);
        Assert.Equal("Kom to ud af tre gange.", agreement.OutcomeNote);
        Assert.NotEqual(stamp, agreement.ConcurrencyStamp);
        Assert.Equal("AgreementOutcomeInvalid", agreement.RecordOutcome((AgreementOutcome)9, null));

        // Only a finished follow-up is planned again; an ordinary case action is not touched this way.
        Assert.Equal("ActionNotReopenable", action.ReopenFollowUp());
        Assert.Null(action.Complete(ActionStatus.Done, Day));
        Assert.Null(action.ReopenFollowUp());
        Assert.Equal((ActionStatus.Planned, (DateOnly?)null), (action.Status, action.CompletedOn));
        var ordinary = new CaseAction { Status = ActionStatus.Done, CompletedOn = Day };
        Assert.Equal("ActionNotReopenable", ordinary.ReopenFollowUp());
    }

    [Fact]
    public void A_non_authority_professional_needs_a_covering_consent_and_an_authority_person_does_not()
    {
        var consent = new Consent
        {
            Id = 5, YoungPersonId = 1, GivenBy = ConsentGiver.CustodyHolder, Purpose = ConsentPurpose.ConcernConversation,
            Information = ConsentInformation.Identity, GivenOn = Day.AddDays(-10), ExpiresOn = Day.AddMonths(6),
            Recipients = [new ConsentRecipient { PartyId = 8 }],
        };
        Consent[] none = [];

        Assert.Null(ConversationRules.CheckParticipant(ParticipantKind.Professional, "Politibetjent", 5, "pol-user", true, none, Day));
        Assert.Equal("ParticipantNeedsConsent", ConversationRules.CheckParticipant(ParticipantKind.Professional, "Boligsocial", 8, null, false, none, Day));
        Assert.Null(ConversationRules.CheckParticipant(ParticipantKind.Professional, "Boligsocial", 8, null, false, [consent], Day));
        Assert.Equal(5, ConversationRules.CoveringConsent(null, 8, [consent], Day)?.Id);

        // Another party, an expired or withdrawn consent, or one for another purpose does not cover.
        Assert.Equal("ParticipantNeedsConsent", ConversationRules.CheckParticipant(ParticipantKind.Professional, "Kulturhus", 9, null, false, [consent], Day));
        Assert.Equal("ParticipantNeedsConsent", ConversationRules.CheckParticipant(ParticipantKind.Professional, "Boligsocial", 8, null, false, [consent], Day.AddMonths(7)));
        consent.Purpose = ConsentPurpose.LeisureActivity;
        Assert.Equal("ParticipantNeedsConsent", ConversationRules.CheckParticipant(ParticipantKind.Professional, "Boligsocial", 8, null, false, [consent], Day));
        consent.Purpose = ConsentPurpose.JointEffort;
        Assert.Null(consent.Withdraw(Day, "x"));
        Assert.Equal("ParticipantNeedsConsent", ConversationRules.CheckParticipant(ParticipantKind.Professional, "Boligsocial", 8, null, false, [consent], Day));

        // The family takes part without consent and without party; a professional needs a party and a name.
        Assert.Null(ConversationRules.CheckParticipant(ParticipantKind.YoungPerson, "Ali", null, null, false, none, Day));
        Assert.Null(ConversationRules.CheckParticipant(ParticipantKind.CustodyHolder, "Mor", null, null, false, none, Day));
        Assert.Equal("ParticipantOnlyProfessionalsHaveParty", ConversationRules.CheckParticipant(ParticipantKind.CustodyHolder, "Mor", null, null, true, none, Day));
        Assert.Equal("ParticipantPartyRequired", ConversationRules.CheckParticipant(ParticipantKind.Professional, "Lærer", null, null, true, none, Day));
        Assert.Equal("ParticipantNameRequired", ConversationRules.CheckParticipant(ParticipantKind.Professional, " ", 1, null, true, none, Day));
    }

    [Fact]
    public void Guidance_follows_the_level_and_warns_above_three_professionals()
    {
        var level1 = ConversationGuidance.UsualConstellation(CaseLevel.WorryingBehaviour);
        Assert.Equal(["BUF"], level1.LeadPartyCodes);
        Assert.Contains("POL", level1.PossiblePartyCodes);
        var level2 = ConversationGuidance.UsualConstellation(CaseLevel.FirstTimeCrime);
        Assert.Equal(["SOF"], level2.LeadPartyCodes);
        Assert.Contains("POL", level2.PossiblePartyCodes);
        foreach (var serious in new[] { CaseLevel.RepeatedSeriousCrime, CaseLevel.CrimeDangerousToPersons })
        {
            var g = ConversationGuidance.UsualConstellation(serious);
            Assert.Equal(["SOF", "POL"], g.LeadPartyCodes);
        }

        Assert.Equal(3, ConversationGuidance.MaxUsualProfessionals);
        Assert.False(ConversationGuidance.TooManyProfessionals(3));
        Assert.True(ConversationGuidance.TooManyProfessionals(4));
        Assert.Equal(2, ConversationRules.ProfessionalCount(
        [
            new ConversationParticipant { Kind = ParticipantKind.YoungPerson },
            new ConversationParticipant { Kind = ParticipantKind.Professional },
            new ConversationParticipant { Kind = ParticipantKind.Professional },
            new ConversationParticipant { Kind = ParticipantKind.CustodyHolder },
        ]));
    }

    [Fact]
    public void The_default_checklist_covers_every_section_in_danish_and_is_valid()
    {
        Assert.Empty(ChecklistTemplate.ValidateItems(DefaultChecklist.Items));
        Assert.InRange(DefaultChecklist.Items.Count, 25, 40);
        foreach (var section in Enum.GetValues<ChecklistSection>())
        {
            Assert.Contains(DefaultChecklist.Items, i => i.Section == section);
        }

        var template = DefaultChecklist.Create(NowUtc);
        Assert.Equal(1, template.Version);
        Assert.Null(template.CreatedByUserId);
        Assert.Equal(Enumerable.Range(1, DefaultChecklist.Items.Count), template.Ordered.Select(i => i.Position));
        Assert.All(template.Items, i => Assert.Equal(i.Section.StageOf(), i.Stage));
        Assert.Contains(template.Items, i => i.Text.Contains('ø', StringComparison.Ordinal));
        Assert.Contains(template.Items, i => i.Hint?.Contains("45–60", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Revising_a_template_makes_a_new_version_and_leaves_the_old_one_and_its_records_untouched()
    {
        var v1 = SavedTemplate();
        var before = v1.Items.Select(i => (i.Id, i.Section, i.Position, i.Text, i.Hint)).ToList();
        var drafts = v1.ToDrafts().ToList();
        drafts[0] = drafts[0] with { Text = "Aftal deltagere og roller." };
        drafts.Add(new ChecklistItemDraft(ChecklistSection.AtGroupMeeting, "Ny punkt på mødet."));
        drafts.RemoveAt(5);

        var v2 = v1.Revise(drafts, "admin", NowUtc.AddDays(30));

        Assert.Equal(2, v2.Version);
        Assert.Equal("admin", v2.CreatedByUserId);
        Assert.Equal(drafts.Count, v2.Items.Count);
        Assert.Equal("Aftal deltagere og roller.", v2.Ordered.First().Text);
        // The new item lands at the end of its section, before the next section starts.
        Assert.Equal("Ny punkt på mødet.", v2.ItemsIn(ChecklistSection.AtGroupMeeting).Last().Text);
        Assert.All(v2.Items, i => Assert.Equal(0, i.Id));
        Assert.Equal(before, v1.Items.Select(i => (i.Id, i.Section, i.Position, i.Text, i.Hint)).ToList());
        Assert.Equal(1, v1.Version);

        // A record keeps its version: ticking an item of another version is refused.
        var c = Scheduled(templateId: v1.Id);
        var v2Saved = new ChecklistTemplate { Id = 8, Version = 2, Items = [new ChecklistTemplateItem { Id = 9001, TemplateId = 8, Section = ChecklistSection.After, Stage = ChecklistStage.After, Position = 1, Text = "x" }] };
        Assert.Equal("ChecklistItemNotInTemplate", c.Tick(v2Saved, 9001, "u", NowUtc));
        Assert.Equal("ChecklistItemNotInTemplate", c.Tick(v1, 9001, "u", NowUtc));
        Assert.Empty(c.Checklist);
    }

    [Fact]
    public void Invalid_revisions_are_refused_with_field_errors()
    {
        Assert.Contains(("Items", "ChecklistEmpty"), ChecklistTemplate.ValidateItems([]));
        var errors = ChecklistTemplate.ValidateItems(
        [
            new ChecklistItemDraft(ChecklistSection.After, " "),
            new ChecklistItemDraft((ChecklistSection)0, "Tekst"),
            new ChecklistItemDraft(ChecklistSection.After, new string('x', ChecklistTemplateItem.TextMaxLength + 1)),
        ]);
        Assert.Equal([("Items[0].Text", "ChecklistItemTextRequired"), ("Items[1].Section", "ChecklistSectionRequired"), ("Items[2].Text", "ChecklistItemTextTooLong")], errors);
        Assert.Throws<ArgumentException>(() => SavedTemplate().Revise([new ChecklistItemDraft(ChecklistSection.After, "")], "admin", NowUtc));
    }

    [Fact]
    public void Ticking_items_shows_progress_per_stage_at_a_glance()
    {
        var template = SavedTemplate();
        var c = Scheduled(templateId: template.Id);
        var before = template.ItemsIn(ChecklistStage.Before).ToList();
        var during = template.ItemsIn(ChecklistStage.During).First();

        // A tick or a note is a row of its own: the record's stamp (which guards the planning form) stays.
        var stamp = c.ConcurrencyStamp;
        Assert.Null(c.Tick(template, before[0].Id, "u1", NowUtc));
        Assert.Null(c.Tick(template, before[1].Id, "u1", NowUtc));
        Assert.Null(c.Tick(template, during.Id, "u1", NowUtc));
        Assert.Null(c.Tick(template, before[0].Id, "u2", NowUtc.AddHours(1)));
        Assert.Equal("u1", c.Checklist.Single(i => i.TemplateItemId == before[0].Id).DoneByUserId);
        Assert.Null(c.Untick(template, before[1].Id));
        Assert.Null(c.SetChecklistNote(template, before[2].Id, "Tolk bestilt"));
        Assert.Null(c.SetChecklistNote(template, before[3].Id, "  "));
        Assert.DoesNotContain(c.Checklist, i => i.TemplateItemId == before[3].Id); // an empty note on an untouched item stores nothing
        Assert.Equal(stamp, c.ConcurrencyStamp);

        var progress = c.Progress(template);
        Assert.Equal(new StageProgress(ChecklistStage.Before, 1, before.Count), progress.Before);
        Assert.Equal(1, progress.During.Done);
        Assert.Equal(0, progress.After.Done);
        Assert.Equal(template.Items.Count, progress.Stages.Sum(s => s.Total));
        Assert.False(progress.StageCompletedByStatus(ChecklistStage.Before));

        Assert.Null(c.MarkPrepared(Day));
        Assert.True(c.Progress(template).StageCompletedByStatus(ChecklistStage.Before));
        Assert.False(c.Progress(template).StageCompletedByStatus(ChecklistStage.During));
        Assert.Null(c.MarkHeld(Day, Ten));
        Assert.Null(c.MarkFollowedUp(Day.AddDays(7)));
        Assert.True(c.Progress(template).StageCompletedByStatus(ChecklistStage.After));

        Assert.Null(c.Journalise(Day.AddDays(8), "DOK-7"));
        Assert.Equal("ConversationClosed", c.Tick(template, before[3].Id, "u1", NowUtc));
    }
}
