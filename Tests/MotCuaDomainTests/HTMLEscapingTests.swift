import MotCuaDomain
import Testing

@Suite("HTML escaping")
struct HTMLEscapingTests {
    @Test("The five HTML-significant characters become character references; Vietnamese text is kept as it is")
    func escapesMarkupOnly() {
        #expect(#"<a href="x" title='y'>&</a>"#.htmlEscaped == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
        #expect("Nguyễn Thị Hương Giang".htmlEscaped == "Nguyễn Thị Hương Giang")
        #expect("".htmlEscaped == "")
    }
}
