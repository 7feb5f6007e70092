"""The invented words of the review demo: the reasons, strengths, shortcomings, directions, the objection and the
reply. Every name and text here is made up."""

from decimal import Decimal

from app.domain.reviews import TASKS_KEY

# A leader lowering a self-assessed figure says why, per criteria group (or "tasks").
LOWERING_REASONS = {
    "politics_ethics": (
        "Trong tháng có hai buổi giao ban đến muộn, không báo trước với trưởng phòng.",
        "Chưa báo cáo kịp thời khi vắng mặt tại cơ quan một buổi chiều để giải quyết việc riêng.",
    ),
    "competence": (
        "Một tờ trình gửi lãnh đạo Ban phải trả lại để sửa số liệu tổng hợp.",
        "Có ý kiến phản ánh của đơn vị về việc hướng dẫn hồ sơ khen thưởng chưa đầy đủ, phải bổ sung nhiều lần.",
    ),
    "innovation": (
        "Tự chấm điểm đổi mới tối đa nhưng trong tháng chưa có đề xuất cải tiến cụ thể nào.",
        "Cách làm mới nêu trong bản tự đánh giá chưa được thể hiện bằng sản phẩm cụ thể.",
    ),
    TASKS_KEY: (
        "Sản phẩm của nội dung “{item}” phải chỉnh sửa nhiều lần mới đạt yêu cầu, chất lượng chưa tương xứng với "
        "điểm tự chấm.",
    ),
}

STRENGTH_OPENERS = (
    "Hoàn thành tốt nội dung “{item}”, sản phẩm đạt yêu cầu.",
    "Chủ động, bảo đảm tiến độ ở nội dung “{item}”.",
    "Thực hiện cẩn thận nội dung “{item}”, ít phải chỉnh sửa.",
)
STRENGTH_TRAITS = (
    "Có tinh thần trách nhiệm, phối hợp tốt với đồng nghiệp trong phòng.",
    "Chấp hành tốt kỷ luật, kỷ cương hành chính.",
    "Tích cực cập nhật văn bản mới về thi đua, khen thưởng.",
    "Thái độ hướng dẫn các đơn vị tận tình, chu đáo.",
    "Sẵn sàng nhận thêm việc khi phòng có khối lượng công việc lớn.",
    "Nắm chắc quy trình, hướng dẫn được đồng nghiệp mới.",
)
# Each names one of the person's own items, so that no two people get the same words (see _unique).
DIRECTIONS = (
    "Tháng {next}: phát huy cách làm ở nội dung “{item}”, chủ động đề xuất cách làm mới trong nhiệm vụ được giao.",
    "Tháng {next}: bám sát thời hạn từng việc như với nội dung “{item}”; báo cáo sớm khi có khó khăn.",
    "Tháng {next}: nâng cao chất lượng sản phẩm, nhất là các văn bản thuộc nội dung “{item}”; tự rà soát kỹ trước "
    "khi trình.",
    "Tháng {next}: chia sẻ kinh nghiệm thực hiện nội dung “{item}” với đồng nghiệp; tăng cường phối hợp với các phòng.",
)
UNFINISHED_DIRECTION = "Tháng {next}: hoàn thành dứt điểm nội dung “{item}” còn dở dang; bám sát thời hạn từng việc."
SHORTCOMING_DIRECTION = " Khắc phục các tồn tại, hạn chế đã nêu và báo cáo kết quả khi tự đánh giá tháng {next}."

# (shortcoming, expected fix, the person's report once fixed, their report when only partly fixed)
SHORTCOMINGS = (
    ("Báo cáo tổng hợp tháng nộp chậm 2 ngày so với thời hạn lãnh đạo Ban giao.",
     "Lập lịch nhắc việc; nộp báo cáo tháng sau trước thời hạn ít nhất 1 ngày.",
     "Đã lập lịch nhắc việc trên phần mềm; báo cáo tháng này nộp trước hạn 2 ngày.",
     "Báo cáo tháng này nộp đúng hạn, nhưng phụ lục số liệu còn gửi bổ sung sau."),
    ("Dự thảo tờ trình khen thưởng còn sai sót số liệu, phải trả lại chỉnh sửa hai lần.",
     "Tự đối chiếu số liệu với hồ sơ gốc trước khi trình; nhờ đồng nghiệp kiểm tra chéo.",
     "Các tờ trình trong tháng đều được kiểm tra chéo, không phải trả lại lần nào.",
     "Đã kiểm tra chéo với đồng nghiệp; còn một tờ trình phải sửa lỗi trình bày."),
    ("Chưa cập nhật kịp thời các quyết định khen thưởng lên phần mềm quản lý.",
     "Cập nhật trong vòng 3 ngày làm việc kể từ khi nhận quyết định.",
     "Đã cập nhật đủ các quyết định tồn và các quyết định mới trong tháng, đúng 3 ngày làm việc.",
     "Đã cập nhật xong các quyết định mới; còn khoảng 20 quyết định cũ chưa nhập hết."),
    ("Hồ sơ lưu văn bản đi, đến còn để lẫn, khó tra cứu khi cần.",
     "Sắp xếp lại hồ sơ theo danh mục của Ban, xong trước ngày 20 tháng sau.",
     "Đã sắp xếp xong hồ sơ theo danh mục, có mục lục để tra cứu.",
     "Đã sắp xếp xong hồ sơ văn bản đến; hồ sơ văn bản đi còn dở."),
    ("Trả lời đơn kiến nghị về khen thưởng chậm 4 ngày so với thời hạn quy định.",
     "Theo dõi hạn xử lý từng đơn trên sổ; báo cáo trưởng phòng khi có nguy cơ chậm.",
     "Đã mở sổ theo dõi hạn xử lý đơn; các đơn trong tháng đều trả lời đúng hạn.",
     "Đã mở sổ theo dõi; còn một đơn trả lời chậm 1 ngày do chờ ý kiến phòng khác."),
    ("Góp ý dự thảo văn bản còn chung chung, chưa đề xuất được nội dung sửa cụ thể.",
     "Góp ý theo từng điều, khoản, kèm phương án sửa cụ thể.",
     "Các văn bản góp ý trong tháng đều nêu rõ điều, khoản và phương án sửa.",
     "Đã góp ý theo từng điều, khoản ở một văn bản; văn bản còn lại vẫn góp ý chung."),
    ("Chưa chủ động phối hợp với các phòng khi chuẩn bị hội nghị, làm chậm khâu hậu cần.",
     "Lập bảng phân công, thống nhất với các phòng trước hội nghị ít nhất 1 tuần.",
     "Đã lập bảng phân công hội nghị sơ kết và gửi các phòng trước 10 ngày; hậu cần kịp thời.",
     "Đã lập bảng phân công nhưng gửi các phòng sát ngày, một số việc vẫn phải làm gấp."),
    ("Biên bản họp giao ban gửi chậm, có cuộc họp sau 5 ngày mới có biên bản.",
     "Hoàn thành và gửi biên bản trong 2 ngày làm việc sau mỗi cuộc họp.",
     "Các biên bản giao ban trong tháng đều gửi trong 2 ngày làm việc.",
     "Đã gửi biên bản nhanh hơn; còn một biên bản gửi sau 3 ngày."),
    ("Chưa nắm chắc quy định mới về hồ sơ đề nghị khen thưởng theo thủ tục đơn giản.",
     "Nghiên cứu Nghị định 152/2025/NĐ-CP, trao đổi lại với trưởng phòng những điểm mới.",
     "Đã nghiên cứu, trình bày lại các điểm mới trong buổi sinh hoạt chuyên môn của phòng.",
     "Đã đọc quy định mới; một số điểm về thủ tục đơn giản vẫn cần hỏi lại trưởng phòng."),
    ("Tin bài đăng trang thông tin điện tử còn lỗi chính tả, phải gỡ xuống sửa.",
     "Đọc soát hai lượt trước khi đăng; nhờ người thứ hai đọc lại tin bài quan trọng.",
     "Đã đọc soát hai lượt; không tin bài nào trong tháng phải gỡ xuống sửa.",
     "Đã đọc soát kỹ hơn; còn một tin bài phải sửa lỗi nhỏ sau khi đăng."),
)
NOT_FIXED_REPORT = "Tháng này khối lượng hồ sơ lớn nên chưa khắc phục được; sẽ tập trung khắc phục trong tháng tới."
VERDICT_NOTES = {
    "fixed": "Đã khắc phục; đề nghị duy trì.",
    "partly_fixed": "Có chuyển biến nhưng chưa dứt điểm; tiếp tục theo dõi tháng sau.",
    "not_fixed": "Chưa có chuyển biến; đề nghị khắc phục dứt điểm trong tháng tới.",
}
# The verdicts a shortcoming gets in the months after it was raised; a plan that never says "fixed" leaves it open.

HTXS_DESPITE_SHORTCOMINGS = ("Còn tồn tại đang khắc phục, nhưng kết quả nhiệm vụ trong tháng vượt yêu cầu; tập thể "
                             "phòng thống nhất giữ mức Hoàn thành xuất sắc nhiệm vụ.")
JUMP_DOWN = "Trong tháng có nội dung công việc chưa hoàn thành, kết quả giảm rõ so với tháng trước."
JUMP_UP = "Tháng này hoàn thành vượt tiến độ các nội dung trọng tâm, tiến bộ rõ so với tháng trước."
DISCIPLINED_COMMENT = ("Bị kỷ luật (khiển trách trở lên) trong năm: xếp mức Không hoàn thành nhiệm vụ theo Nghị "
                       "định 335/2025/NĐ-CP, Điều 20.")

OBJECTION = ("Tôi đề nghị xem xét lại việc trừ {points} điểm ở tiêu chí “{group}”: trong tháng tôi đã báo cáo trưởng "
             "phòng qua điện thoại trước khi vắng, không phải tự ý vắng mặt.")
REPLY = ("Đã trao đổi trực tiếp với đồng chí ngày {day}. Việc báo qua điện thoại là có, nhưng chưa đúng quy chế làm "
         "việc của Ban (phải có giấy báo vắng được duyệt); giữ nguyên điểm, đề nghị đồng chí thực hiện đúng quy chế.")
AMENDMENT_REASON = ("Bổ sung minh chứng sau khi chốt tháng: nội dung “{item}” đã hoàn thành đúng hạn (văn bản ngày "
                    "{day}), khi đánh giá chưa được cập nhật nên bị tính chậm; điều chỉnh điểm kết quả thực hiện "
                    "nhiệm vụ.")


# The Trưởng ban's months as the superior body judged them (invented notices and scores).
SUPERIOR_NOTICE = ("Thông báo số {number}/TB-SNV ngày {day} của Sở Nội vụ thành phố Hà Nội về kết quả đánh giá "
                   "tháng {month}/{year}")
SUPERIOR_SCORES = {8: Decimal("93.5"), 9: Decimal("94.0"), 10: Decimal("92.5")}
