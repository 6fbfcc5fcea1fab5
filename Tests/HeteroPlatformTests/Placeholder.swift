import XCTest
final class HeteroPlatformTestsPlaceholder: XCTestCase { func testNothing() {} }
