using SspKbh.Domain.Access;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Consents;
using SspKbh.Domain.Retention;

namespace SspKbh.Domain.Tests;

public class ConsentTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static Consent Consent(DateOnly given, DateOnly expires, int? partyId = 7, string? userId = null) => new()
    {
        GivenBy = ConsentGiver.YoungPerson,
        Information = ConsentInformation.Identity,
        Purpose = ConsentPurpose.JointEffort,
        GivenOn = given,
        ExpiresOn = expires,
        Recipients = [new ConsentRecipient { PartyId = partyId, UserId = userId }],
    };

    [Fact]
    public void A_consent_covers_its_party_or_named_person_only_between_given_and_expiry()
    {
        var consent = Consent(Today.AddDays(-1), Today.AddMonths(1));
        Assert.True(consent.Covers("someone", 7, Today));
        Assert.False(consent.Covers("someone", 8, Today));
        Assert.False(consent.Covers("someone", 7, Today.AddDays(-2)));
        Assert.True(consent.Covers("someone", 7, Today.AddMonths(1)));
        Assert.False(consent.Covers("someone", 7, Today.AddMonths(1).AddDays(1)));
        Assert.Equal(ConsentState.Expired, consent.StateOn(Today.AddMonths(2)));

        var named = Consent(Today, Today.AddDays(5), partyId: null, userId: "u1");
        Assert.True(named.Covers("u1", 99, Today));
        Assert.False(named.Covers("u2", 99, Today));
    }

    [Fact]
    public void A_withdrawal_ends_the_consent_at_once_and_cannot_be_repeated()
    {
        var consent = Consent(Today.AddDays(-10), Today.AddMonths(6));
        var stamp = consent.ConcurrencyStamp;
        Assert.Null(consent.Withdraw(Today, "secretary"));
        Assert.False(consent.Covers("x", 7, Today));
        Assert.Equal(ConsentState.Withdrawn, consent.StateOn(Today));
        Assert.NotEqual(stamp, consent.ConcurrencyStamp);
        Assert.Equal("ConsentAlreadyWithdrawn", consent.Withdraw(Today, "secretary"));
    }

    [Theory]
    [InlineData(ConsentGiver.CustodyHolder, null, ConsentInformation.Identity, 0, 12, 1, "CustodyHolderId")]
    [InlineData(ConsentGiver.YoungPerson, null, ConsentInformation.None, 0, 12, 1, "Information")]
    [InlineData(ConsentGiver.YoungPerson, null, (ConsentInformation)8, 0, 12, 1, "Information")]
    [InlineData(ConsentGiver.YoungPerson, null, ConsentInformation.Identity, 1, 12, 1, "GivenOn")]
    [InlineData(ConsentGiver.YoungPerson, null, ConsentInformation.Identity, 0, 25, 1, "ExpiresOn")]
    [InlineData(ConsentGiver.YoungPerson, null, ConsentInformation.Identity, 0, 12, 0, "Recipients")]
    [InlineData((ConsentGiver)9, null, ConsentInformation.Identity, 0, 12, 1, "GivenBy")]
    public void Invalid_consents_are_refused_with_the_field_named(ConsentGiver giver, int? holder, ConsentInformation information, int givenInDays, int months, int recipients, string field)
    {
        var given = Today.AddDays(givenInDays);
        var errors = ConsentRules.Validate(giver, holder, information, ConsentPurpose.JointEffort, given, given.AddMonths(months), recipients, Today);
        Assert.Contains(errors, e => e.Field == field);
    }

    [Fact]
    public void A_complete_consent_is_valid()
    {
        Assert.Empty(ConsentRules.Validate(ConsentGiver.CustodyHolder, 3, ConsentInformation.Identity | ConsentInformation.GoalsAndActions,
            ConsentPurpose.ConcernConversation, Today, Today.AddMonths(24), 2, Today));
    }
}

public class EmergencyAccessTests
{
    [Theory]
    [InlineData(null, "EmergencyReasonRequired")]
    [InlineData("   ", "EmergencyReasonRequired")]
    [InlineData("akut", "EmergencyReasonTooShort")]
    [InlineData("Akut møde med politiet i aften om drengen.", null)]
    public void The_reason_must_say_why(string? reason, string? error) => Assert.Equal(error, CaseAccessGrant.ValidateReason(reason));

    [Fact]
    public void A_grant_is_active_only_until_it_expires()
    {
        var now = new DateTime(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc);
        var grant = CaseAccessGrant.Create(1, "u", "  Akut behov i aften  ", now, TimeSpan.FromHours(4));
        Assert.Equal("Akut behov i aften", grant.Reason);
        Assert.True(grant.IsActiveAt(now.AddHours(3)));
        Assert.False(grant.IsActiveAt(now.AddHours(4)));
        Assert.False(grant.IsActiveAt(now.AddMinutes(-1)));
    }
}

public class RetentionRuleTests
{
    [Fact]
    public void A_record_is_due_the_day_after_its_period_has_run_out()
    {
        var ended = new DateOnly(2024, 3, 15);
        Assert.False(RetentionRules.IsDue(ended, 24, new DateOnly(2026, 3, 15)));
        Assert.True(RetentionRules.IsDue(ended, 24, new DateOnly(2026, 3, 16)));
    }

    [Fact]
    public void An_anonymised_case_keeps_its_level_and_dates_but_no_text_and_cannot_be_reopened()
    {
        var now = new DateTime(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc);
        var today = DateOnly.FromDateTime(now);
        var c = SspCase.Register("2026-00001", 1, 1, CaseLevel.FirstTimeCrime, CaseSource.School, 1, "Lærer Lise", today, "Tyveri fra kiosk",
            1, "u", null, null, "u", now);
        c.SetGoals("Tilbage i klubben", "Møde i skolen", null, null, null, now);
        Assert.Null(c.ChangeStatus(CaseStatus.Closed, "Løst", CloseReason.ConcernResolved, "u", now, today));

        c.Anonymise(today, now);

        Assert.Equal(SspCase.RetentionText, c.Concern);
        Assert.Null(c.RaisedByName);
        Assert.Null(c.OverallGoal);
        Assert.All(c.LevelHistory, h => Assert.Equal(SspCase.RetentionText, h.Reason));
        Assert.All(c.StatusHistory, h => Assert.Null(h.Reason));
        Assert.Equal(CaseLevel.FirstTimeCrime, c.Level);
        Assert.Equal("CaseAnonymised", c.ChangeStatus(CaseStatus.Open, "Genåbnes", null, "u", now, today));
    }

    [Fact]
    public void An_anonymised_young_person_keeps_only_the_birth_year()
    {
        var person = new YoungPerson { DateOfBirth = new DateOnly(2012, 6, 14), Cpr = "1406124117", Address = "Vej 1", School = "Skole" };
        person.SetName("Yusuf Amin");
        person.Anonymise(new DateOnly(2026, 11, 22));
        Assert.Equal(YoungPerson.AnonymousName, person.FullName);
        Assert.Null(person.Cpr);
        Assert.Null(person.Address);
        Assert.Null(person.School);
        Assert.Equal(new DateOnly(2012, 1, 1), person.DateOfBirth);
    }
}
