import { describe, expect, it } from "vitest";
import { latinToCyrillic } from "./translit";

describe("latinToCyrillic", () => {
  it.each([
    ["ljubav", "љубав"],
    ["Njegoš", "Његош"],
    ["džep", "џеп"],
    ["LJUBAV", "ЉУБАВ"],
    ["Ljubav", "Љубав"],
    ["NJIVA", "ЊИВА"],
    ["DŽEP", "ЏЕП"],
    ["Džep", "Џеп"],
    ["Đorđe", "Ђорђе"],
    ["čaša ćup šuma žaba", "чаша ћуп шума жаба"],
    ["Čačak Ćuprija Šabac Žabalj", "Чачак Ћуприја Шабац Жабаљ"],
    ["{count} stavki", "{count} ставки"],
    ["Imate {count} stavki u {place}.", "Имате {count} ставки у {place}."],
    ["Prvi kontakt", "Први контакт"],
    ["Centar za zaštitu žrtava trgovine ljudima", "Центар за заштиту жртава трговине људима"],
    ["CZŽTLJ", "ЦЗЖТЉ"],
  ])("%s → %s", (latin, cyrillic) => {
    expect(latinToCyrillic(latin)).toBe(cyrillic);
  });

  it("keeps digits, punctuation and non-Serbian letters", () => {
    expect(latinToCyrillic("12. 3. 2024. — (x, y, q, w)")).toBe("12. 3. 2024. — (x, y, q, w)");
  });

  it("never touches placeholders, even with Serbian-looking names", () => {
    expect(latinToCyrillic("{ljubav} i {nj_count}")).toBe("{ljubav} и {nj_count}");
  });

  it("reads prefix boundaries as two letters", () => {
    expect(latinToCyrillic("nadživeti")).toBe("надживети");
    expect(latinToCyrillic("podžanr")).toBe("поджанр");
    expect(latinToCyrillic("injekcija")).toBe("инјекција");
    expect(latinToCyrillic("konjugacija")).toBe("конјугација");
  });

  it("leaves Cyrillic input as it is", () => {
    expect(latinToCyrillic("Ђорђе")).toBe("Ђорђе");
  });

  it("keeps international acronyms and words with non-Serbian letters in Latin", () => {
    expect(latinToCyrillic("UNODC indikatori")).toBe("UNODC индикатори");
    expect(latinToCyrillic("publikacija WCMS_105023")).toBe("публикација WCMS_105023");
    expect(latinToCyrillic("Web stranica")).toBe("Web страница");
    expect(latinToCyrillic("MOR i ASTRA")).toBe("МОР и АСТРА");
  });
});
