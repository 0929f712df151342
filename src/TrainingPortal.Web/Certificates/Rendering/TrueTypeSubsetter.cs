using System.Buffers.Binary;
using System.Text;

namespace TrainingPortal.Web.Certificates.Rendering;

/// <summary>
/// Cuts a TrueType (glyf) font down to the glyphs for a set of characters, so that a certificate
/// embeds ~60 glyphs (≈8 KB) instead of the whole 500 KB font. SkiaSharp's native build has no font
/// subsetter: Skia embeds whatever font it is given, whole. We give it this subset.
/// </summary>
/// <remarks>
/// The subset keeps the glyphs' outlines and advance widths exactly (so text measured with the full
/// font lays out identically with the subset), renumbers glyphs densely (.notdef stays 0) and remaps
/// composite glyphs' components, writes a cmap (format 4) for the characters kept, and drops what a
/// PDF does not need: OpenType layout (GSUB/GPOS/GDEF; Skia does not shape), hinting (fpgm, prep,
/// cvt and each glyph's instructions), glyph names (post format 3) and all but the basic
/// name records (copyright, family, style, full and PostScript names). Immutable after
/// construction, so one instance serves every thread.
/// </remarks>
internal sealed class TrueTypeSubsetter
{
    private const ushort ArgsAreWords = 0x0001, HaveScale = 0x0008, MoreComponents = 0x0020,
        HaveXAndYScale = 0x0040, HaveTwoByTwo = 0x0080, HaveInstructions = 0x0100;

    private readonly byte[] _font;
    private readonly Dictionary<uint, (int Offset, int Length)> _tables = [];
    private readonly Dictionary<int, ushort> _cmap = [];
    private readonly int[] _glyphOffsets;
    private readonly int _glyphCount;
    private readonly int _horizontalMetricsCount;
    private readonly byte[] _name;

    public TrueTypeSubsetter(byte[] font)
    {
        ArgumentNullException.ThrowIfNull(font);
        _font = font;
        if (U32(0) is not (0x00010000 or 0x74727565)) // 1.0 or 'true'
        {
            throw new InvalidDataException("Not a TrueType font (glyf outlines); .otf (CFF) fonts cannot be subset here.");
        }
        var count = U16(4);
        for (var i = 0; i < count; i++)
        {
            var record = 12 + 16 * i;
            _tables[U32(record)] = ((int)U32(record + 8), (int)U32(record + 12));
        }
        foreach (var required in new[] { "head", "hhea", "hmtx", "maxp", "loca", "glyf", "cmap" })
        {
            if (!_tables.ContainsKey(Tag(required)))
            {
                throw new InvalidDataException($"The font has no '{required}' table.");
            }
        }

        _glyphCount = U16(Table("maxp").Offset + 4);
        _horizontalMetricsCount = U16(Table("hhea").Offset + 34);
        var longOffsets = U16(Table("head").Offset + 50) == 1;
        var loca = Table("loca").Offset;
        var glyf = Table("glyf").Offset;
        _glyphOffsets = new int[_glyphCount + 1]; // where each glyph starts in the file
        for (var g = 0; g <= _glyphCount; g++)
        {
            _glyphOffsets[g] = glyf + (longOffsets ? (int)U32(loca + 4 * g) : 2 * U16(loca + 2 * g));
        }
        ReadCmap();
        _name = BasicNames();
    }

    /// <summary>The glyph the full font maps <paramref name="codePoint"/> to (0 = none).</summary>
    public ushort GlyphFor(int codePoint) => _cmap.GetValueOrDefault(codePoint);

    /// <summary>A complete TrueType font holding .notdef and the glyphs of <paramref name="codePoints"/> (with their components).</summary>
    public byte[] Subset(IEnumerable<int> codePoints)
    {
        ArgumentNullException.ThrowIfNull(codePoints);

        // Glyphs to keep: .notdef, each character's glyph, and every component of a composite one.
        var keep = new SortedSet<ushort> { 0 };
        var characters = new SortedDictionary<int, ushort>();
        var pending = new Stack<ushort>();
        foreach (var codePoint in codePoints)
        {
            if (_cmap.TryGetValue(codePoint, out var glyph))
            {
                characters[codePoint] = glyph;
                if (keep.Add(glyph))
                {
                    pending.Push(glyph);
                }
            }
        }
        while (pending.Count > 0)
        {
            foreach (var component in Components(pending.Pop()))
            {
                if (keep.Add(component))
                {
                    pending.Push(component);
                }
            }
        }
        var newId = new Dictionary<ushort, ushort>(keep.Count);
        foreach (var glyph in keep)
        {
            newId[glyph] = (ushort)newId.Count;
        }

        // glyf, loca and hmtx for the kept glyphs, in their new order.
        var glyf = new MemoryStream();
        var loca = new byte[4 * (keep.Count + 1)];
        var hmtx = new byte[4 * keep.Count];
        var index = 0;
        var metrics = Table("hmtx").Offset;
        foreach (var glyph in keep)
        {
            BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(4 * index), (uint)glyf.Length);
            WriteGlyph(glyf, glyph, newId);
            while (glyf.Length % 4 != 0)
            {
                glyf.WriteByte(0);
            }
            var advance = U16(metrics + 4 * Math.Min(glyph, _horizontalMetricsCount - 1));
            var bearing = glyph < _horizontalMetricsCount
                ? U16(metrics + 4 * glyph + 2)
                : U16(metrics + 4 * _horizontalMetricsCount + 2 * (glyph - _horizontalMetricsCount));
            BinaryPrimitives.WriteUInt16BigEndian(hmtx.AsSpan(4 * index), advance);
            BinaryPrimitives.WriteUInt16BigEndian(hmtx.AsSpan(4 * index + 2), bearing);
            index++;
        }
        BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(4 * index), (uint)glyf.Length);

        var head = Copy("head");
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0); // checkSumAdjustment, set below
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1); // indexToLocFormat: long offsets
        var hhea = Copy("hhea");
        BinaryPrimitives.WriteUInt16BigEndian(hhea.AsSpan(34), (ushort)keep.Count);
        var maxp = Copy("maxp");
        BinaryPrimitives.WriteUInt16BigEndian(maxp.AsSpan(4), (ushort)keep.Count);
        var post = new byte[32];
        if (_tables.TryGetValue(Tag("post"), out var original) && original.Length >= 32)
        {
            _font.AsSpan(original.Offset, 32).CopyTo(post);
        }
        BinaryPrimitives.WriteUInt32BigEndian(post, 0x00030000); // version 3: no glyph names

        var tables = new SortedDictionary<uint, byte[]>
        {
            [Tag("cmap")] = Cmap(characters, newId),
            [Tag("glyf")] = glyf.ToArray(),
            [Tag("head")] = head,
            [Tag("hhea")] = hhea,
            [Tag("hmtx")] = hmtx,
            [Tag("loca")] = loca,
            [Tag("maxp")] = maxp,
            [Tag("name")] = _name,
            [Tag("post")] = post,
        };
        if (_tables.ContainsKey(Tag("OS/2")))
        {
            tables[Tag("OS/2")] = Copy("OS/2");
        }
        return Assemble(tables);
    }

    /// <summary>The glyph IDs a composite glyph is built from (none for a simple glyph).</summary>
    private IEnumerable<ushort> Components(ushort glyph)
    {
        var start = _glyphOffsets[glyph];
        if (_glyphOffsets[glyph + 1] - start < 10 || (short)U16(start) >= 0)
        {
            yield break;
        }
        var position = start + 10;
        ushort flags;
        do
        {
            flags = U16(position);
            yield return U16(position + 2);
            position += 4 + ComponentArgumentsLength(flags);
        }
        while ((flags & MoreComponents) != 0);
    }

    /// <summary>Writes one glyph without its instructions, a composite one with its components renumbered.</summary>
    private void WriteGlyph(MemoryStream output, ushort glyph, Dictionary<ushort, ushort> newId)
    {
        var start = _glyphOffsets[glyph];
        var end = _glyphOffsets[glyph + 1];
        if (end - start < 10)
        {
            return; // an empty glyph (space)
        }
        var data = _font.AsSpan(start, end - start);
        var contours = (short)U16(start);
        if (contours >= 0)
        {
            // header and endPtsOfContours, then instructionLength = 0, then flags and coordinates.
            var instructionsAt = 10 + 2 * contours;
            var outlineAt = instructionsAt + 2 + BinaryPrimitives.ReadUInt16BigEndian(data[instructionsAt..]);
            output.Write(data[..instructionsAt]);
            output.Write([0, 0]);
            output.Write(data[outlineAt..SimpleGlyphEnd(data, contours, outlineAt)]);
            return;
        }

        output.Write(data[..10]);
        var position = 10;
        Span<byte> component = stackalloc byte[4];
        ushort flags;
        do
        {
            flags = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            BinaryPrimitives.WriteUInt16BigEndian(component, (ushort)(flags & ~HaveInstructions));
            BinaryPrimitives.WriteUInt16BigEndian(component[2..], newId[BinaryPrimitives.ReadUInt16BigEndian(data[(position + 2)..])]);
            output.Write(component);
            var arguments = ComponentArgumentsLength(flags);
            output.Write(data.Slice(position + 4, arguments));
            position += 4 + arguments;
        }
        while ((flags & MoreComponents) != 0);
    }

    /// <summary>Where a simple glyph's flags and coordinates end (the font may pad glyphs).</summary>
    private static int SimpleGlyphEnd(ReadOnlySpan<byte> glyph, int contours, int flagsAt)
    {
        if (contours == 0)
        {
            return flagsAt;
        }
        var points = BinaryPrimitives.ReadUInt16BigEndian(glyph[(10 + 2 * (contours - 1))..]) + 1;
        var position = flagsAt;
        var coordinateBytes = 0;
        for (var point = 0; point < points;)
        {
            var flag = glyph[position++];
            var repeat = (flag & 0x08) != 0 ? 1 + glyph[position++] : 1;
            // x: 1 byte if short (0x02), none if same as before (0x10), else 2; y likewise with 0x04, 0x20.
            var x = (flag & 0x02) != 0 ? 1 : (flag & 0x10) != 0 ? 0 : 2;
            var y = (flag & 0x04) != 0 ? 1 : (flag & 0x20) != 0 ? 0 : 2;
            coordinateBytes += (x + y) * repeat;
            point += repeat;
        }
        return position + coordinateBytes;
    }

    private static int ComponentArgumentsLength(ushort flags) =>
        ((flags & ArgsAreWords) != 0 ? 4 : 2)
        + ((flags & HaveScale) != 0 ? 2 : (flags & HaveXAndYScale) != 0 ? 4 : (flags & HaveTwoByTwo) != 0 ? 8 : 0);

    /// <summary>A cmap with one format-4 subtable (Windows, Unicode BMP): one segment per character.</summary>
    private static byte[] Cmap(SortedDictionary<int, ushort> characters, Dictionary<ushort, ushort> newId)
    {
        var mapped = characters.Where(c => c.Key < 0xFFFF).ToList();
        var segments = mapped.Count + 1; // + the closing 0xFFFF segment
        var searchRange = 2 * (1 << (int)Math.Log2(segments));
        var length = 16 + 8 * segments;
        var cmap = new byte[12 + length];
        var s = cmap.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(s[2..], 1);        // one subtable
        BinaryPrimitives.WriteUInt16BigEndian(s[4..], 3);        // Windows
        BinaryPrimitives.WriteUInt16BigEndian(s[6..], 1);        // Unicode BMP
        BinaryPrimitives.WriteUInt32BigEndian(s[8..], 12);       // subtable offset
        var t = s[12..];
        BinaryPrimitives.WriteUInt16BigEndian(t, 4);             // format
        BinaryPrimitives.WriteUInt16BigEndian(t[2..], (ushort)length);
        BinaryPrimitives.WriteUInt16BigEndian(t[6..], (ushort)(2 * segments));
        BinaryPrimitives.WriteUInt16BigEndian(t[8..], (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(t[10..], (ushort)Math.Log2(searchRange / 2));
        BinaryPrimitives.WriteUInt16BigEndian(t[12..], (ushort)(2 * segments - searchRange));
        var ends = 14;
        var starts = ends + 2 * segments + 2;
        var deltas = starts + 2 * segments;
        // idRangeOffset stays 0 for every segment: glyph = character + idDelta.
        for (var i = 0; i < segments; i++)
        {
            // The closing segment maps 0xFFFF to glyph 0 (idDelta 1), as the format requires.
            var (character, glyph) = i < mapped.Count ? (mapped[i].Key, newId[mapped[i].Value]) : (0xFFFF, (ushort)0);
            BinaryPrimitives.WriteUInt16BigEndian(t[(ends + 2 * i)..], (ushort)character);
            BinaryPrimitives.WriteUInt16BigEndian(t[(starts + 2 * i)..], (ushort)character);
            BinaryPrimitives.WriteUInt16BigEndian(t[(deltas + 2 * i)..], (ushort)((glyph - character) & 0xFFFF));
        }
        return cmap;
    }

    /// <summary>The name table with only the Windows-English copyright, family, style, unique, full, version and PostScript names.</summary>
    private byte[] BasicNames()
    {
        var records = new List<(ushort NameId, byte[] Text)>();
        if (_tables.TryGetValue(Tag("name"), out var name))
        {
            var count = U16(name.Offset + 2);
            var strings = name.Offset + U16(name.Offset + 4);
            for (var i = 0; i < count; i++)
            {
                var r = name.Offset + 6 + 12 * i;
                var (platform, encoding, language, id) = (U16(r), U16(r + 2), U16(r + 4), U16(r + 6));
                if (platform == 3 && encoding == 1 && language == 0x409 && id <= 6)
                {
                    records.Add((id, _font.AsSpan(strings + U16(r + 10), U16(r + 8)).ToArray()));
                }
            }
        }
        if (records.Count == 0)
        {
            records.Add((6, Encoding.BigEndianUnicode.GetBytes("Subset")));
        }
        records.Sort((a, b) => a.NameId.CompareTo(b.NameId));
        var output = new byte[6 + 12 * records.Count + records.Sum(r => r.Text.Length)];
        var o = output.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(o[2..], (ushort)records.Count);
        BinaryPrimitives.WriteUInt16BigEndian(o[4..], (ushort)(6 + 12 * records.Count));
        var offset = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var r = o[(6 + 12 * i)..];
            BinaryPrimitives.WriteUInt16BigEndian(r, 3);
            BinaryPrimitives.WriteUInt16BigEndian(r[2..], 1);
            BinaryPrimitives.WriteUInt16BigEndian(r[4..], 0x409);
            BinaryPrimitives.WriteUInt16BigEndian(r[6..], records[i].NameId);
            BinaryPrimitives.WriteUInt16BigEndian(r[8..], (ushort)records[i].Text.Length);
            BinaryPrimitives.WriteUInt16BigEndian(r[10..], (ushort)offset);
            records[i].Text.CopyTo(o[(6 + 12 * records.Count + offset)..]);
            offset += records[i].Text.Length;
        }
        return output;
    }

    /// <summary>Reads the Unicode cmap: format 12 (full Unicode) if the font has one, else format 4 (BMP).</summary>
    private void ReadCmap()
    {
        var cmap = Table("cmap").Offset;
        int? format4 = null, format12 = null;
        for (var i = 0; i < U16(cmap + 2); i++)
        {
            var record = cmap + 4 + 8 * i;
            var (platform, encoding) = (U16(record), U16(record + 2));
            var subtable = cmap + (int)U32(record + 4);
            var unicode = platform == 0 || (platform == 3 && encoding is 1 or 10);
            if (unicode && U16(subtable) == 4)
            {
                format4 ??= subtable;
            }
            else if (unicode && U16(subtable) == 12)
            {
                format12 ??= subtable;
            }
        }

        if (format12 is { } t12)
        {
            var groups = U32(t12 + 12);
            for (var i = 0; i < groups; i++)
            {
                var group = t12 + 16 + 12 * i;
                var (first, last, glyph) = (U32(group), U32(group + 4), U32(group + 8));
                for (var c = first; c <= last; c++)
                {
                    Map((int)c, (int)(glyph + c - first));
                }
            }
            return;
        }
        if (format4 is not { } t)
        {
            throw new InvalidDataException("The font has no Unicode cmap.");
        }
        var segments = U16(t + 6) / 2;
        var ends = t + 14;
        var starts = ends + 2 * segments + 2;
        var deltas = starts + 2 * segments;
        var rangeOffsets = deltas + 2 * segments;
        for (var i = 0; i < segments; i++)
        {
            var (start, end, delta, rangeOffset) = (U16(starts + 2 * i), U16(ends + 2 * i), U16(deltas + 2 * i), U16(rangeOffsets + 2 * i));
            for (int c = start; c <= end && c != 0xFFFF; c++)
            {
                var glyph = rangeOffset == 0
                    ? (c + delta) & 0xFFFF
                    : U16(rangeOffsets + 2 * i + rangeOffset + 2 * (c - start)) is var g && g != 0 ? (g + delta) & 0xFFFF : 0;
                Map(c, glyph);
            }
        }
    }

    private void Map(int codePoint, int glyph)
    {
        if (glyph > 0 && glyph < _glyphCount)
        {
            _cmap[codePoint] = (ushort)glyph;
        }
    }

    /// <summary>The sfnt file: table directory (tables sorted by tag), 4-byte aligned tables, checksums.</summary>
    private static byte[] Assemble(SortedDictionary<uint, byte[]> tables)
    {
        var headerLength = 12 + 16 * tables.Count;
        var total = headerLength + tables.Values.Sum(t => (t.Length + 3) & ~3);
        var font = new byte[total];
        var f = font.AsSpan();
        var entrySelector = (int)Math.Log2(tables.Count);
        var searchRange = 16 * (1 << entrySelector);
        BinaryPrimitives.WriteUInt32BigEndian(f, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(f[4..], (ushort)tables.Count);
        BinaryPrimitives.WriteUInt16BigEndian(f[6..], (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(f[8..], (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(f[10..], (ushort)(16 * tables.Count - searchRange));
        var offset = headerLength;
        var record = 12;
        var headAt = -1;
        foreach (var (tag, data) in tables)
        {
            data.CopyTo(f[offset..]);
            BinaryPrimitives.WriteUInt32BigEndian(f[record..], tag);
            BinaryPrimitives.WriteUInt32BigEndian(f[(record + 4)..], Checksum(f.Slice(offset, (data.Length + 3) & ~3)));
            BinaryPrimitives.WriteUInt32BigEndian(f[(record + 8)..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(f[(record + 12)..], (uint)data.Length);
            if (tag == Tag("head"))
            {
                headAt = offset;
            }
            offset += (data.Length + 3) & ~3;
            record += 16;
        }
        BinaryPrimitives.WriteUInt32BigEndian(f[(headAt + 8)..], unchecked(0xB1B0AFBA - Checksum(f)));
        return font;
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 3 < data.Length; i += 4)
        {
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(data[i..]));
        }
        return sum;
    }

    private (int Offset, int Length) Table(string tag) => _tables[Tag(tag)];

    private byte[] Copy(string tag)
    {
        var (offset, length) = Table(tag);
        return _font.AsSpan(offset, length).ToArray();
    }

    private static uint Tag(string tag) =>
        (uint)(tag[0] << 24 | tag[1] << 16 | tag[2] << 8 | tag[3]);

    private ushort U16(int offset) => BinaryPrimitives.ReadUInt16BigEndian(_font.AsSpan(offset));

    private uint U32(int offset) => BinaryPrimitives.ReadUInt32BigEndian(_font.AsSpan(offset));
}
