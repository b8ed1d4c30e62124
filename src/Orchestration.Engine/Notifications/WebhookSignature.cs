using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Orchestration.Engine.Notifications;

/// <summary>
/// The X-Orch-Signature header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;body&gt;" keyed with the
/// secret&gt;</c>. Signing the time with the body lets a receiver refuse a replayed old delivery.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Orch-Signature";
    public const string DeliveryHeader = "X-Orch-Delivery";

    public static string Create(string secret, long unixSeconds, string body)
    {
        var t = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}
