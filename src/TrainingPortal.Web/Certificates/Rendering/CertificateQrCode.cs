using QRCoder;

namespace TrainingPortal.Web.Certificates.Rendering;

/// <summary>
/// A QR code as horizontal runs of dark modules: each run is one rectangle on the certificate, so
/// a code of ~600 dark modules costs ~200 rectangles in the PDF instead of ~600 squares.
/// </summary>
/// <param name="Size">Modules per side, without the quiet zone (21 for version 1, +4 per version).</param>
/// <param name="Runs">Every maximal run of adjacent dark modules in a row, row by row, left to right.</param>
internal sealed record CertificateQrCode(int Size, IReadOnlyList<QrRun> Runs)
{
    /// <summary>Error correction M (15%): a short verification URL stays at version 3–4.</summary>
    internal const QRCodeGenerator.ECCLevel ErrorCorrection = QRCodeGenerator.ECCLevel.M;

    /// <summary>QRCoder's module matrix for <paramref name="text"/>, quiet zone included.</summary>
    internal static List<System.Collections.BitArray> Matrix(string text) =>
        QRCodeGenerator.GenerateQrCode(text, ErrorCorrection, forceUtf8: false, utf8BOM: false, QRCodeGenerator.EciMode.Default, requestedVersion: -1)
            .ModuleMatrix;

    /// <summary>The QR code for <paramref name="text"/> as runs; QRCoder's 4-module quiet zone is dropped
    /// (the certificate leaves white space around the code itself).</summary>
    internal static CertificateQrCode For(string text)
    {
        var matrix = Matrix(text);
        var quiet = QuietZone(matrix);
        var size = matrix.Count - 2 * quiet;
        var runs = new List<QrRun>(size * 8);
        for (var row = 0; row < size; row++)
        {
            var bits = matrix[row + quiet];
            var column = 0;
            while (column < size)
            {
                if (!bits[column + quiet])
                {
                    column++;
                    continue;
                }
                var start = column;
                while (column < size && bits[column + quiet])
                {
                    column++;
                }
                runs.Add(new QrRun(row, start, column - start));
            }
        }
        return new CertificateQrCode(size, runs);
    }

    /// <summary>Width of the all-light border QRCoder puts around the symbol (4 modules by default).</summary>
    internal static int QuietZone(List<System.Collections.BitArray> matrix)
    {
        // The top-left finder pattern starts with a dark module: the first dark cell on the diagonal
        // marks where the symbol begins.
        var quiet = 0;
        while (quiet < matrix.Count && !matrix[quiet][quiet])
        {
            quiet++;
        }
        return quiet;
    }
}

/// <summary>Dark modules <paramref name="Column"/> to <paramref name="Column"/> + <paramref name="Length"/> − 1 of <paramref name="Row"/>.</summary>
internal readonly record struct QrRun(int Row, int Column, int Length);
