using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Data;

namespace SspKbh.Web.Features.Conversations;

/// <summary>Who keeps an agreement made in a concern conversation (the young person, a parent or a professional, by name) and by when.</summary>
public sealed record AgreedTerms(AgreementResponsible Kind, string Name, DateOnly? DueOn)
{
    /// <summary>
    /// The terms of the agreements that the given follow-up actions come from, by agreement id: one query,
    /// for the places that list a case's actions (the case page, the consent's shared view).
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, AgreedTerms>> ForAsync(SspDbContext db, IEnumerable<int?> agreementIds, CancellationToken cancellationToken)
    {
        var ids = agreementIds.OfType<int>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<int, AgreedTerms>();
        }

        return await db.ConversationAgreements.AsNoTracking().Where(a => ids.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => new AgreedTerms(a.ResponsibleKind, a.ResponsibleName, a.DueOn), cancellationToken);
    }

    public static AgreedTerms? Of(IReadOnlyDictionary<int, AgreedTerms> terms, int? agreementId) =>
        agreementId is { } id ? terms.GetValueOrDefault(id) : null;
}
