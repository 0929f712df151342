using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Domain.Programs;

/// <summary>
/// The programs the portal runs, each described once by a <see cref="ProgramDefinition"/>, looked up by key.
/// An unknown key is an error (<see cref="Get"/>) or an explicit miss (<see cref="TryGet"/>), never a default. Keys
/// compare ignoring case, as in <see cref="RuleSetCatalog"/>.
/// </summary>
public sealed class ProgramCatalog
{
    private readonly Dictionary<string, ProgramDefinition> _byKey;
    private readonly Dictionary<GroupKind, (ProgramDefinition Program, GroupKindDefinition Kind)> _byKind;

    /// <summary>Creates a catalog (keys, row numbers and group kinds must be unique).</summary>
    /// <exception cref="ArgumentException">A key, row number or group kind appears twice.</exception>
    public ProgramCatalog(IEnumerable<ProgramDefinition> programs)
    {
        ArgumentNullException.ThrowIfNull(programs);
        All = [.. programs];
        _byKey = new(StringComparer.OrdinalIgnoreCase); // as the rule-set catalog
        _byKind = [];
        var numbers = new HashSet<int>();
        foreach (var p in All)
        {
            if (!_byKey.TryAdd(p.Key, p))
            {
                throw new ArgumentException($"The program {p.Key} is defined twice.", nameof(programs));
            }
            if (!numbers.Add(p.Number))
            {
                throw new ArgumentException($"The program {p.Key} has the row number {p.Number} of another program.", nameof(programs));
            }
            foreach (var k in p.GroupKinds)
            {
                if (!_byKind.TryAdd(k.Kind, (p, k)))
                {
                    throw new ArgumentException($"The group kind {k.Kind} of {p.Key} belongs to {_byKind[k.Kind].Program.Key} already.", nameof(programs));
                }
            }
        }
    }

    /// <summary>The programs shipped with the portal (see <see cref="DefaultPrograms"/>).</summary>
    public static ProgramCatalog Default { get; } = new(DefaultPrograms.All());

    /// <summary>Every program, in display order.</summary>
    public IReadOnlyList<ProgramDefinition> All { get; }

    /// <summary>Every kind of group, in display order.</summary>
    public IEnumerable<GroupKindDefinition> Kinds => All.SelectMany(p => p.GroupKinds);

    /// <summary>The program with this key.</summary>
    /// <exception cref="KeyNotFoundException">No program has this key.</exception>
    public ProgramDefinition Get(string programKey)
    {
        ArgumentNullException.ThrowIfNull(programKey);
        return _byKey.TryGetValue(programKey, out var p)
            ? p
            : throw new KeyNotFoundException($"No program has the key \"{programKey}\": add its definition to the program catalog.");
    }

    /// <summary>The program with this key, if there is one.</summary>
    public bool TryGet(string? programKey, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProgramDefinition? program)
    {
        program = null;
        return programKey is not null && _byKey.TryGetValue(programKey, out program);
    }

    /// <summary>The definition of a kind of group.</summary>
    /// <exception cref="KeyNotFoundException">No program runs groups of this kind.</exception>
    public GroupKindDefinition Kind(GroupKind kind) => Find(kind).Kind;

    /// <summary>Whether a program runs groups of this kind (false for a number no kind has).</summary>
    public bool IsKnown(GroupKind kind) => _byKind.ContainsKey(kind);

    /// <summary>The program that runs groups of this kind.</summary>
    /// <exception cref="KeyNotFoundException">No program runs groups of this kind.</exception>
    public ProgramDefinition ProgramOf(GroupKind kind) => Find(kind).Program;

    /// <summary>The kinds of group that have <paramref name="screens"/>.</summary>
    public IReadOnlyCollection<GroupKind> KindsWith(GroupScreens screens) => [.. Kinds.Where(k => k.Has(screens)).Select(k => k.Kind)];

    /// <summary>The programs whose holders the public roster lists, in display order.</summary>
    public IEnumerable<ProgramDefinition> Roster => All.Where(p => p.RosterTitle is not null);

    /// <summary>The program whose certificate awards <paramref name="level"/> (null for <see cref="EndorsementLevel.None"/>).</summary>
    /// <exception cref="KeyNotFoundException">No program awards this level.</exception>
    public ProgramDefinition? ForEndorsement(EndorsementLevel level) =>
        level == EndorsementLevel.None
            ? null
            : All.FirstOrDefault(p => p.Endorses.Contains(level))
              ?? throw new KeyNotFoundException($"No program awards the endorsement level {level}.");

    private (ProgramDefinition Program, GroupKindDefinition Kind) Find(GroupKind kind) =>
        _byKind.TryGetValue(kind, out var found)
            ? found
            : throw new KeyNotFoundException($"No program runs groups of kind {(int)kind} ({kind}): add it to a program definition.");
}
