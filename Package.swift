// swift-tools-version:6.0
import PackageDescription

// No third-party Swift packages: only Foundation and system C libraries, each through its own
// system-library target, so the whole supply chain is the toolchain plus Debian packages.
let package = Package(
    name: "pageaudit",
    products: [
        .executable(name: "pageaudit", targets: ["pageaudit"]),
        .library(name: "PageAuditCore", targets: ["PageAuditCore"]),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CIDN2", pkgConfig: "libidn2",
            providers: [.apt(["libidn2-dev"])]),
        .systemLibrary(
            name: "CCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(
            name: "PageAuditCore",
            dependencies: ["CLibXML2", "CIDN2", "CCrypto", "CZlib", "CCurl"]),
        .executableTarget(
            name: "pageaudit",
            dependencies: ["PageAuditCore"]),
        .testTarget(
            name: "PageAuditCoreTests",
            dependencies: ["PageAuditCore", "pageaudit"],
            exclude: ["Fixtures"]),
    ]
)
