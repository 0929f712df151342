using System.Globalization;
using System.Text;
using QRCoder;

namespace TrainingPortal.Web.Features.TwoFactor;

/// <summary>
/// A QR code as one SVG path of dark squares, written into the page itself: no script, no inline style,
/// no data: URI, so the Content-Security-Policy stays as it is.
/// </summary>
public static class QrSvg
{
    public static string Render(string text, string title)
    {
        var matrix = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M, forceUtf8: false, utf8BOM: false, QRCodeGenerator.EciMode.Default, requestedVersion: -1).ModuleMatrix; // quiet zone included
        var size = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            var row = matrix[y];
            var x = 0;
            while (x < size)
            {
                if (!row[x])
                {
                    x++;
                    continue;
                }
                var start = x;
                while (x < size && row[x])
                {
                    x++;
                }
                path.Append(CultureInfo.InvariantCulture, $"M{start} {y}h{x - start}v1h{start - x}z");
            }
        }
        var encodedTitle = System.Net.WebUtility.HtmlEncode(title);
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"220\" height=\"220\" role=\"img\" aria-labelledby=\"qr-title\" shape-rendering=\"crispEdges\" data-testid=\"qr-code\">" +
            $"<title id=\"qr-title\">{encodedTitle}</title><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>";
    }
}
