import { describe, expect, it } from "vitest";
import { acceptedFileType, describeUnrecognised, formatByteSize, refusedTypeMessage, sanitiseFileName } from "./evidence-file";

const bytes = (text: string) => new TextEncoder().encode(text);
const pdf = acceptedFileType("application/pdf")!;
const png = acceptedFileType("image/png")!;
const jpeg = acceptedFileType("image/jpeg")!;

describe("evidence file types", () => {
  it("accepts PDF, images and office documents by detected MIME type, nothing a browser renders as a page", () => {
    expect(acceptedFileType("application/pdf")?.label).toBe("PDF");
    expect(acceptedFileType("image/png")?.ext).toBe("png");
    expect(acceptedFileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document")?.ext).toBe("docx");
    for (const mime of ["text/html", "image/svg+xml", "application/xml", "application/x-msdownload", "application/zip", undefined]) {
      expect(acceptedFileType(mime)).toBeUndefined();
    }
  });

  it("names what an unrecognised file is: HTML, SVG, other markup, text, binary, empty", () => {
    expect(describeUnrecognised(bytes("\uFEFF  <!DOCTYPE html><html><body>x</body></html>"))).toBe("an HTML page");
    expect(describeUnrecognised(bytes("<script>alert(1)</script>"))).toBe("an HTML page");
    expect(describeUnrecognised(bytes('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBe("an SVG image (XML markup)");
    expect(describeUnrecognised(bytes("<note>hi</note>"))).toBe("HTML or XML markup");
    expect(describeUnrecognised(bytes("Plain notes, ünïcode.\nLine two."))).toBe("plain text");
    expect(describeUnrecognised(new Uint8Array([0x00, 0x01, 0xff, 0xfe, 0x80, 0x81, 0x02]))).toBe("unrecognised binary data");
    expect(describeUnrecognised(new Uint8Array())).toBe("an empty file");
  });

  it("refusal messages name the detected type and list the accepted ones", () => {
    const html = refusedTypeMessage(undefined, bytes("<html><body>report.pdf</body></html>"));
    expect(html).toContain("an HTML page");
    expect(html).toContain("whatever its name says");
    expect(html).toContain("PDF, PNG image");
    expect(refusedTypeMessage({ ext: "exe", mime: "application/x-msdownload" }, new Uint8Array())).toContain("a file of type EXE (application/x-msdownload)");
  });
});

describe("sanitiseFileName", () => {
  it("keeps a plain name and adds the detected type's extension when it is missing or different", () => {
    expect(sanitiseFileName("Budget 2026.pdf", pdf)).toBe("Budget 2026.pdf");
    expect(sanitiseFileName("photo.JPEG", jpeg)).toBe("photo.JPEG");
    expect(sanitiseFileName("photo.html", png)).toBe("photo.html.png");
    expect(sanitiseFileName("scan", pdf)).toBe("scan.pdf");
  });

  it("drops paths, control, reserved and bidi-override characters; normalises to NFC; never empty", () => {
    expect(sanitiseFileName("../../etc/passwd", pdf)).toBe("passwd.pdf");
    expect(sanitiseFileName("C:\\Users\\x\\re:port?.pdf", pdf)).toBe("report.pdf");
    expect(sanitiseFileName("inv\u0000oice\u202Efdp.exe.pdf", pdf)).toBe("invoicefdp.exe.pdf");
    expect(sanitiseFileName("Cafe\u0301.pdf", pdf)).toBe("Caf\u00e9.pdf");
    expect(sanitiseFileName("...", pdf)).toBe("evidence.pdf");
    expect(sanitiseFileName("", png)).toBe("evidence.png");
    expect(sanitiseFileName(`${"a".repeat(500)}.pdf`, pdf).length).toBeLessThanOrEqual(204);
  });

  it("formats sizes in bytes, KB and MB", () => {
    expect(formatByteSize(812)).toBe("812 bytes");
    expect(formatByteSize(1536)).toBe("1.5 KB");
    expect(formatByteSize(20 * 1024 * 1024)).toBe("20.0 MB");
  });
});
