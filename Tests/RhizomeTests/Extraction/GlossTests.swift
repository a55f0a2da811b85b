import Foundation
import Testing
@testable import Rhizome

/// A term glossed in brackets in another script is one entity, with the gloss as its alias.
@Suite struct GlossTests {
    let extractor = HeuristicExtractor(tokenizer: sharedTokenizer)

    func extract(_ text: String) -> ChunkExtraction {
        extractor.extractNow(ExtractionInput(text: text, headingPath: [], documentTitle: "Test"))
    }

    @Test func findsGlossesInEitherDirectionAndScript() {
        #expect(Glosses.find(in: "양자화(Quantization)는 가중치를 낮은 비트로 표현한다.") == [Gloss(name: "양자화", alias: "Quantization")])
        #expect(Glosses.find(in: "검색 증강 생성(RAG)은 외부 문서를 찾는다.") == [Gloss(name: "검색 증강 생성", alias: "RAG")])
        #expect(Glosses.find(in: "이 글은 검색 증강 생성 (Retrieval-Augmented Generation)을 다룬다.")
                == [Gloss(name: "검색 증강 생성", alias: "Retrieval-Augmented Generation")])
        #expect(Glosses.find(in: "LoRA(저랭크 적응)는 일부 행렬만 학습한다.") == [Gloss(name: "LoRA", alias: "저랭크 적응")])
        #expect(Glosses.find(in: "Low-Rank Adaptation(저랭크 적응)") == [Gloss(name: "Low-Rank Adaptation", alias: "저랭크 적응")])
        #expect(Glosses.find(in: "大規模言語モデル（LLM）は文章を生成する。") == [Gloss(name: "大規模言語モデル", alias: "LLM")])
    }

    @Test func bracketsThatAreNotGlossesAreLeftAlone() {
        #expect(Glosses.find(in: "버전(2.0)을 설치한다.").isEmpty, "a number is not a name")
        #expect(Glosses.find(in: "모델을(see below) 고른다.").isEmpty, "a word with a particle is not a term")
        #expect(Glosses.find(in: "설치한다(apt-get install 참고).").isEmpty, "mixed scripts inside")
        #expect(Glosses.find(in: "Debian (데비안에서 사용합니다)").isEmpty, "a clause is not a gloss")
        #expect(Glosses.find(in: "the function (see the manual, chapter 2)").isEmpty, "same script both sides")
    }

    @Test func aGlossedTermIsOneEntityWithItsAlias() throws {
        let result = extract("""
            양자화(Quantization)는 모델의 가중치를 낮은 비트로 표현하는 기법이다. Quantization을 쓰면 메모리가 크게 준다. \
            QLoRA는 양자화와 LoRA를 함께 쓴다.
            """)
        let entity = try #require(result.entities.first { $0.name == "양자화" })
        #expect(entity.aliases == ["Quantization"])
        #expect(!result.entities.contains { $0.name == "Quantization" }, "the alias is not a second entity")
        #expect(result.relations.contains { Set([$0.source, $0.target]) == ["양자화", "LoRA"] || Set([$0.source, $0.target]) == ["QLoRA", "양자화"] })
    }

    @Test func theAliasReachesTheStoredEntityAndItsNameSearch() async throws {
        let fixture = try await IngestFixture()
        try fixture.write("rag.md", """
            # 검색 증강 생성

            검색 증강 생성(RAG)은 질문에 맞는 문서를 먼저 찾고, 찾은 문서를 근거로 답을 만든다. RAG는 환각을 줄인다.
            """)
        let report = await fixture.ingest()
        #expect(report.failed == 0)
        let details = try await #require(try fixture.store.entityDetails(named: "RAG"), "the alias finds the entity")
        #expect(details.name == "검색 증강 생성")
        #expect(details.aliases.contains("RAG"))
    }
}
