import XCTest
final class HeteroSupportTestsPlaceholder: XCTestCase { func testNothing() {} }
