public enum TolokCoreVersion { public static let string = "0.1.0" }
