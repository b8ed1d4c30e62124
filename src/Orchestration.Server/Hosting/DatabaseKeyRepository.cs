using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Orchestration.Core.Domain;
using Orchestration.Storage.Cluster;

namespace Orchestration.Server.Hosting;

/// <summary>Keeps the data-protection key ring in the database (<see cref="IProtectionKeyStore"/>), so nodes sharing
/// it sign and accept the same stream tokens and sign-in state.</summary>
internal sealed class DatabaseKeyRepository(IProtectionKeyStore store, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => store.All().Select(XElement.Parse).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        store.Add(friendlyName, element.ToString(SaveOptions.DisableFormatting), time.NowEpoch());
}
