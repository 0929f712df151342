namespace TrainingPortal.Web.IntroCourse;

/// <summary>
/// The portal's own short starter course for MI Champions (six modules, written for the portal; no text taken from
/// elsewhere), each with check questions; and, for the demo Champion (champion@demo.local, Tomás), the first three
/// modules completed. Idempotent: does nothing once the course has a module. Called from <see cref="DemoData.SeedAsync"/>.
/// </summary>
public static class IntroCourseDemoData
{
    /// <summary>One starter module: title, Markdown text, and its questions (prompt, options, right option, why).</summary>
    public sealed record StarterModule(string Title, string Body, params (string Prompt, string[] Options, int Correct, string Why)[] Questions);

    public static IReadOnlyList<StarterModule> Starter { get; } =
    [
        new("The spirit of MI",
            """
            Motivational Interviewing (MI) is a way of talking with people about change. It is less a set of tricks than an
            attitude you bring into the conversation — often called the **spirit** of MI.

            The spirit has four parts that work together:

            - **Partnership.** You and the person are two experts: you know about change, they know about their own life.
              You work *with* them, not *on* them.
            - **Acceptance.** You respect the person's worth and their right to choose, you try to understand how they see
              things, and you notice their strengths.
            - **Compassion.** You put the person's wellbeing and interests first.
            - **Evoking.** The reasons for change are drawn out of the person, not put into them. People are more persuaded
              by what they hear themselves say than by what they are told.

            A useful test after any conversation: *who did most of the arguing for change?* In MI, it should be the person,
            not the helper. When we push, people tend to push back, and defend the very thing we hoped they would change.
            """,
            ("Which of these is part of the spirit of MI?",
                ["Persuading the person with strong arguments", "Evoking the person's own reasons for change", "Telling the person what the research says they must do"],
                2, "Evoking means drawing out the person's own motivation; arguing for change tends to produce arguing against it."),
            ("In MI, who should voice most of the reasons for change?",
                ["The helper", "The person", "Both equally, taking turns"],
                2, "People are most persuaded by what they hear themselves say.")),
        new("Open questions",
            """
            An **open question** invites the person to think and to talk; it cannot be answered with a word or two.
            A **closed question** asks for a short fact: yes or no, a number, a name.

            | Closed | Open |
            |---|---|
            | Do you want to cut down? | How would you like things to be different? |
            | Did the plan work? | What happened when you tried the plan? |

            Closed questions have their place — checking a date, confirming a detail — but a conversation made of them
            turns into an interview where the helper does the work and the person waits for the next question.

            Open questions often start with *what*, *how*, *tell me about* or *in what way*. Be careful with *why*
            questions: "Why haven't you stopped?" can sound like blame, while "What makes this hard right now?" asks
            the same thing with curiosity.

            A good habit: ask an open question, then **listen** to the answer and reflect it back before asking another.
            """,
            ("Which of these is an open question?",
                ["Are you taking your medication?", "How is the medication fitting into your days?", "Did you take it this morning?"],
                2, "It invites the person to describe their experience rather than answer yes or no."),
            ("What is a good thing to do after asking an open question?",
                ["Ask the next question straight away", "Listen, and reflect back what you heard", "Give advice on the answer"],
                2, "Reflecting shows you listened and invites the person to go further.")),
        new("Affirmations",
            """
            An **affirmation** recognises something genuinely good in the person: a strength, an effort, a value, a step
            they have taken. It is not the same as praise. Praise judges ("Well done!"), and it puts the helper in the
            position of the one who approves. An affirmation describes what you see in the person.

            - "You came today even though the week has been hard."
            - "You really care about being there for your children."
            - "You have kept going with this for three months; that takes persistence."

            Affirmations work best when they are **specific** and **sincere**. People notice flattery quickly, so only
            affirm what you really see.

            Affirming strengths helps people feel able to change. Someone who believes they have managed hard things
            before is more ready to try again.
            """,
            ("Which response is an affirmation rather than praise?",
                ["Great job!", "You kept your appointment even when your car broke down; you found a way.", "I'm proud of you."],
                2, "It describes a specific strength the person showed, in their terms."),
            ("What makes an affirmation work?",
                ["Being frequent, whatever the person did", "Being specific and sincere", "Being general so it fits everyone"],
                2, "Specific, sincere affirmations are believed; vague or frequent ones sound like flattery.")),
        new("Reflections",
            """
            A **reflection** is a statement, not a question, that says back what you understood the person to mean.
            It is the core skill of MI: it shows you are listening, it checks your understanding, and it lets the person
            hear their own thoughts again.

            - A **simple reflection** stays close to the person's words: "You're tired of the arguments at home."
            - A **complex reflection** adds meaning or feeling the person implied: "Part of you wonders whether the
              drinking is behind some of those arguments."

            Reflections end with the voice going *down*, like a statement. "You're worried?" with the voice going up
            becomes a question, and invites a yes or a no.

            Aim for more reflections than questions — a common guide is about two reflections for every question.
            You will sometimes guess wrong; that is fine. The person corrects you, and you both understand more.
            """,
            ("Which of these is a reflection?",
                ["Are you worried about your health?", "You're worried about what this is doing to your health.", "You should see a doctor."],
                2, "It is a statement that says back what the person means."),
            ("What is a complex reflection?",
                ["A reflection that repeats the person's exact words", "A reflection that adds a meaning or feeling the person implied", "A long question with several parts"],
                2, "It goes a step beyond the words, to what the person may mean or feel.")),
        new("Summaries",
            """
            A **summary** is a longer reflection that gathers several things the person has said. Summaries help at three
            points in a conversation:

            1. **Collecting**: after the person has told you several things, you bring them together and invite more
               ("So far you've mentioned … What else?").
            2. **Linking**: you connect something said now with something said earlier, or with a feeling on the other side
               of their mixed feelings.
            3. **Transitional**: at the end of a topic or a session, you pull together what matters most before moving on.

            A good summary is selective. Give weight to what the person said about **why and how they might change**,
            and say both sides of their ambivalence with *and* rather than *but*: "You enjoy the evenings out, **and**
            you're worried about the money." *But* tends to erase whatever came before it.

            End a summary with an invitation: "What did I miss?" or "Where does that leave you?"
            """,
            ("Why join the two sides of someone's mixed feelings with “and” rather than “but”?",
                ["It is shorter", "“But” tends to erase what came before it", "“And” sounds more formal"],
                2, "“And” keeps both sides in view, so the person can weigh them."),
            ("Which kind of summary connects something said now with something said earlier?",
                ["A collecting summary", "A linking summary", "A transitional summary"],
                2, "Linking summaries tie together parts of the conversation.")),
        new("Change talk",
            """
            **Change talk** is anything the person says in favour of change. **Sustain talk** is what they say in favour
            of things staying as they are. Most people say both; this is ambivalence, and it is normal.

            Change talk comes in several forms. One common way to remember them:

            - **Desire**: "I want to …", "I wish …"
            - **Ability**: "I could …", "I might be able to …"
            - **Reasons**: "It would help my kids if …"
            - **Need**: "I have to …", "Something's got to change."
            - **Commitment**: "I will …", "I'm going to …"
            - **Taking steps**: "This week I threw out the cigarettes."

            In MI you listen for change talk, and you respond to it: ask about it ("How would that help?"), reflect it,
            affirm it and include it in your summaries. How much change talk a person says, and how strong it becomes,
            tends to predict whether they change.

            Meet sustain talk with reflection rather than argument. If you argue for change, the person usually
            takes the other side.
            """,
            ("“I really want to be healthier for my grandchildren” is an example of…",
                ["Sustain talk", "Change talk", "Neither"],
                2, "It expresses a desire and a reason for change."),
            ("How do you respond to sustain talk in MI?",
                ["Argue for change", "Reflect it without arguing", "Ignore it and change the subject"],
                2, "Arguing invites the person to defend the status quo; reflecting keeps the conversation open.")),
    ];

    /// <summary>Adds the starter course (published) when the course has no module yet, and Tomás's first three completions.</summary>
    public static async Task SeedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var clock = services.GetRequiredService<PortalClock>();
        var key = IntroCourseService.Program.Key;
        if (await db.IntroCourseModules.AnyAsync(m => m.ProgramKey == key))
        {
            return;
        }
        var modules = Starter.Select((m, i) => new IntroCourseModule
        {
            ProgramKey = key,
            Position = i + 1,
            Title = m.Title,
            Body = m.Body,
            Published = true,
            UpdatedUtc = clock.UtcNow,
            Questions = [.. m.Questions.Select((q, j) => new IntroCourseQuestion
            {
                Position = j + 1, Prompt = q.Prompt, Options = string.Join('\n', q.Options), CorrectOption = q.Correct, Explanation = q.Why,
            })],
        }).ToList();
        db.IntroCourseModules.AddRange(modules);
        await db.SaveChangesAsync();

        var tomas = await db.Users.Where(u => u.Email == "champion@demo.local").Select(u => u.Id).FirstOrDefaultAsync();
        if (tomas is not null)
        {
            var today = clock.Today;
            db.IntroCourseCompletions.AddRange(modules.Take(3).Select((m, i) =>
                new IntroCourseCompletion { ModuleId = m.Id, PersonId = tomas, CompletedOn = today.AddDays(-20 + 5 * i) }));
            await db.SaveChangesAsync();
        }
    }
}
