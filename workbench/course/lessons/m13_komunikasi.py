"""Questions of module 13, "Komunikasi pelayanan": two conversations played alone, the rubric.

Two questions are answered by playing a conversation (:class:`ConversationQuestion`): the
learner's latest finished play of the scenario, stored by :mod:`workbench.percakapan` as
practice evidence, is the answer, and it is right when it ended with the verdict ``baik``. The
same check runs when a learner finishes a play on the solo Voilà page
(:func:`record_conversation`), so a play there feeds the learner's progress too.
"""

from __future__ import annotations

from workbench.config import Settings
from workbench.practice.checkers import ValueQuestion
from workbench.practice.core import NotAttempted, Outcome, Question

MODULE = "13-komunikasi-pelayanan"

#: The rubric example of the notebook: an observer's three scores for one officer.
EXAMPLE_SCORES = (3, 4, 2)


class ConversationQuestion(Question):
    """Answered by playing ``scenario`` alone to an ending judged ``baik``.

    The answer is the learner's latest finished play of the scenario (not the best one), as
    stored when the play ended: in the notebook's conversation widget, on the solo page, or with
    :func:`workbench.percakapan.record_play`.
    """

    def __init__(self, scenario: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario
        #: Whose plays are read (None: the learner of this notebook, as progress names them).
        self.learner: str | None = None
        self.settings: Settings | None = None

    def _judge(self) -> None:
        from workbench import percakapan
        from workbench.practice.progress import learner_id

        learner = self.learner or learner_id(self.settings)
        mine = percakapan.plays(learner=learner, scenario=self.scenario, settings=self.settings)
        scenario = percakapan.load_scenario(self.scenario, settings=self.settings)
        if mine.empty:
            raise NotAttempted(
                f"Belum ada percakapan '{scenario.title}' yang selesai atas nama {learner}. "
                "Mainkan sampai akhir di sel percakapan di atas, lalu jalankan "
                f"`{self.name}.check()` lagi."
            )
        last = mine.iloc[-1]
        if last["hasil"] != "baik":
            ending = scenario.endings.get(last["akhir"])
            title = ending.title if ending is not None else last["akhir"]
            raise self.wrong(
                f"Percakapan terakhir Anda berakhir '{title}' (hasil: {last['hasil']}). Baca "
                "bagian 'Yang perlu diperbaiki' di akhirnya, lalu mainkan lagi dengan pilihan "
                "yang lain."
            )


def _observer_value() -> float:
    return sum((s - 1) / 3 * 100 for s in EXAMPLE_SCORES) / len(EXAMPLE_SCORES)


def questions() -> list[Question]:
    """The questions of module 13, in notebook order."""
    return [
        ConversationQuestion(
            "wa-tidak-dibalas",
            hints=[
                "Pilihan yang baik menyapa dulu, membiarkan Bu Sulastri bercerita, lalu merangkum "
                "kebutuhannya.",
                "Di akhir, sebutkan waktu sesuai standar pelayanan dan catat pengaduannya dengan "
                "nomor registrasi; jangan menjanjikan yang tidak ada di standar.",
            ],
            solution="# Jalur yang berakhir baik: pilihan 1, 1, 1, 1, 1 (sapa, dengarkan, "
            "rangkum, waktu sesuai standar, nomor registrasi).",
            praise="Pengaduan tercatat dan dijawab: itu yang diukur unsur U8 SKM.",
        ),
        ValueQuestion(
            "tingkat_kanal",
            2,
            hints=[
                "Baca jangkar perilaku 'Menawarkan saluran pengaduan' di tabel rubrik.",
                "Petugas menyebut bahwa ada loket pengaduan, tetapi tidak menjelaskan caranya.",
            ],
            solution="tingkat_kanal = 2",
            praise="Pengamat menilai yang terlihat dan terdengar, bukan niat petugas.",
        ),
        ValueQuestion(
            "nilai_pengamat",
            _observer_value,
            rel_tol=1e-6,
            abs_tol=0.05,
            hints=[
                "Setiap skor 1–4 diubah menjadi (skor − 1) ÷ 3 × 100.",
                "Hitung untuk 3, 4 dan 2, lalu ambil rata-ratanya.",
            ],
            solution=(
                "skor = [3, 4, 2]\n"
                "nilai_pengamat = sum((s - 1) / 3 * 100 for s in skor) / len(skor)"
            ),
            praise="Nilai 0–100 inilah yang diubah menjadi level kompetensi sumber 'pengamat'.",
        ),
        ValueQuestion(
            "batas_lapor_gratifikasi",
            30,
            hints=[
                "Lihat ringkasan UU No. 20 Tahun 2001 Pasal 12C di tabel dasar aturan.",
                "Jawabannya jumlah hari kerja, sebagai bilangan bulat.",
            ],
            solution="batas_lapor_gratifikasi = 30",
            praise="Lebih sederhana lagi: tolak dengan sopan, maka tidak ada yang dilaporkan.",
        ),
        ConversationQuestion(
            "lansia-klampid",
            hints=[
                "Pak Slamet lansia: ia berhak atas layanan prioritas, tanpa antre umum.",
                "Daftarkan permohonannya di loket (ia tidak punya ponsel berinternet) dan tulis "
                "tanggal ambil sesuai standar pelayanan.",
            ],
            solution="# Jalur yang berakhir baik: pilihan 1, 1, 1, 1 (sapa dan layani "
            "prioritas, belasungkawa, daftarkan di loket, tanggal tertulis).",
            praise="Layanan daring memudahkan yang bisa; kantor tetap pintu bagi yang tidak bisa.",
        ),
    ]


def record_conversation(
    scenario: str, *, learner: str, settings: Settings | None = None
) -> Outcome | None:
    """Check and record this module's question about ``scenario`` for ``learner`` (the solo
    page calls it when a play ends); None when no question is about that scenario."""
    from workbench.course.lessons import exercise_set
    from workbench.practice.progress import ProgressStore

    for question in exercise_set(MODULE):
        if isinstance(question, ConversationQuestion) and question.scenario == scenario:
            store = ProgressStore(learner, settings=settings)
            question.bind({}, module=MODULE, recorder=store.record)
            question.learner, question.settings = store.learner, settings
            outcome = question.evaluate().outcome
            store.record(MODULE, question.name, "check", outcome)
            return outcome
    return None
