namespace SspKbh.Web.Features.Cases;

public static class CasesSetup
{
    public static IServiceCollection AddCases(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AccessOptions>(configuration.GetSection("Access"));
        services.AddScoped<Consents.ConsentRegister>();
        services.AddScoped<CaseAccess>();
        services.AddScoped<CaseService>();
        services.AddScoped<CaseRegistrationService>();
        services.AddScoped<KnownPeople>();
        services.AddScoped<CaseRegistration>();
        services.AddScoped<CaseChangeGate>();
        services.AddScoped<CaseWorkService>();
        services.AddScoped<CaseActivityService>();
        services.AddScoped<CaseListQuery>();
        services.AddScoped<CaseListLoader>();
        services.AddSingleton<CaseListMetrics>();
        services.AddScoped<CasePageLoader>();
        services.AddScoped<Meetings.MeetingAccess>();
        services.AddScoped<Meetings.MeetingService>();
        services.AddScoped<Meetings.AgendaService>();
        services.AddScoped<Meetings.AttendanceService>();
        services.AddScoped<Meetings.LeaderBoardService>();
        services.AddScoped<Meetings.MyMeetingsLoader>();
        services.AddScoped<Meetings.MeetingPageLoader>();
        services.AddScoped<Meetings.MinutesPageLoader>();
        services.AddScoped<Meetings.JournalExtractService>();
        services.AddScoped<Conversations.ConversationService>();
        services.AddScoped<Conversations.MyConversationsReader>();
        services.AddScoped<Conversations.ConversationFollowUpService>();
        services.AddScoped<Conversations.ConversationPlanningService>();
        services.AddScoped<Conversations.ConversationChecklistService>();
        services.AddScoped<Conversations.ConversationBeforeLoader>();
        services.AddScoped<Conversations.ConversationCreateLoader>();
        services.AddScoped<Conversations.ConversationInvitations>();
        services.AddScoped<Meetings.MinutesService>();
        services.AddSingleton<Meetings.MeetingChangeNotifier>();
        return services;
    }
}
