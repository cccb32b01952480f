<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>AnswerScreen</name>
    <message>
        <source>Answer screen</source>
        <translation>شاشة الإجابة</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>الرئيسية</translation>
    </message>
    <message>
        <source>Back to all questions</source>
        <translation>العودة إلى كل الأسئلة</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <source>Back to the questions of this section</source>
        <translation>العودة إلى أسئلة هذا القسم</translation>
    </message>
    <message>
        <source>Changes the size of the writing</source>
        <translation>يغيّر حجم الكتابة</translation>
    </message>
    <message>
        <source>Contrast</source>
        <translation>التباين</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>التباين العالي</translation>
    </message>
    <message>
        <source>White writing on black, or back</source>
        <translation>كتابة بيضاء على خلفية سوداء، أو العكس</translation>
    </message>
    <message>
        <source>Controls</source>
        <translation>أزرار التحكم</translation>
    </message>
    <message>
        <source>A++, largest text</source>
        <translation>A++، أكبر نص</translation>
    </message>
    <message>
        <source>A+, larger text</source>
        <translation>A+، نص أكبر</translation>
    </message>
    <message>
        <source>A, normal text</source>
        <translation>A، نص عادي</translation>
    </message>
    <message>
        <source>Answer: %1</source>
        <translation>الإجابة: %1</translation>
    </message>
    <message>
        <source>This answer is only in %1.</source>
        <translation>هذه الإجابة متوفرة باللغة %1 فقط.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>إيقاف</translation>
    </message>
    <message>
        <source>Stop reading aloud</source>
        <translation>إيقاف القراءة بصوت عالٍ</translation>
    </message>
    <message>
        <source>Stops the voice</source>
        <translation>يوقف الصوت</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>استماع</translation>
    </message>
    <message>
        <source>Reads the question and answer aloud</source>
        <translation>يقرأ السؤال والإجابة بصوت عالٍ</translation>
    </message>
</context>
<context>
    <name>AnswerView</name>
    <message>
        <source>Answer</source>
        <translation>الإجابة</translation>
    </message>
    <message>
        <source>Answer: scroll bar</source>
        <translation>الإجابة: شريط التمرير</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>المصدر: %1</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Home screen</source>
        <translation>الشاشة الرئيسية</translation>
    </message>
    <message>
        <source>Question tiles</source>
        <translation>مربعات الأسئلة</translation>
    </message>
    <message>
        <source>Section tiles</source>
        <translation>مربعات الأقسام</translation>
    </message>
    <message>
        <source>Home page</source>
        <translation>الصفحة الرئيسية</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>الأسئلة</translation>
    </message>
    <message>
        <source>Questions: scroll bar</source>
        <translation>الأسئلة: شريط التمرير</translation>
    </message>
    <message numerus="yes">
        <source>%n questions</source>
        <translation>
            <numerusform>%n سؤال</numerusform>
            <numerusform>سؤال واحد</numerusform>
            <numerusform>سؤالان</numerusform>
            <numerusform>%n أسئلة</numerusform>
            <numerusform>%n سؤالًا</numerusform>
            <numerusform>%n سؤال</numerusform>
        </translation>
    </message>
    <message>
        <source>Opens the answer</source>
        <translation>يفتح الإجابة</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>اللغات</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <source>Are you still reading?</source>
        <translation>هل ما زلت تقرأ؟</translation>
    </message>
    <message>
        <source>Keep reading</source>
        <translation>متابعة القراءة</translation>
    </message>
    <message>
        <source>Stay on this page</source>
        <translation>البقاء في هذه الصفحة</translation>
    </message>
    <message numerus="yes">
        <source>If not, this screen goes back to the start in %n seconds.</source>
        <translation>
            <numerusform>وإلا ستعود هذه الشاشة إلى البداية بعد %n ثانية.</numerusform>
            <numerusform>وإلا ستعود هذه الشاشة إلى البداية بعد ثانية واحدة.</numerusform>
            <numerusform>وإلا ستعود هذه الشاشة إلى البداية بعد ثانيتين.</numerusform>
            <numerusform>وإلا ستعود هذه الشاشة إلى البداية بعد %n ثوانٍ.</numerusform>
            <numerusform>وإلا ستعود هذه الشاشة إلى البداية بعد %n ثانية.</numerusform>
            <numerusform>وإلا ستعود هذه الشاشة إلى البداية بعد %n ثانية.</numerusform>
        </translation>
    </message>
    <message>
        <source>Tap the screen to keep reading.</source>
        <translation>المس الشاشة لمتابعة القراءة.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Information</source>
        <translation>معلومات</translation>
    </message>
</context>
<context>
    <name>KioskWords</name>
    <message>
        <source>en</source>
        <comment>The BCP 47 tag of this language: the language of these words</comment>
        <translation>ar</translation>
    </message>
</context>
<context>
    <name>LanguageChoice</name>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>Choose the language of the kiosk</source>
        <translation>اختر لغة هذه الشاشة</translation>
    </message>
</context>
<context>
    <name>LanguageScreen</name>
    <message>
        <source>Languages screen</source>
        <translation>شاشة اللغات</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>اللغات</translation>
    </message>
    <message>
        <source>Languages: scroll bar</source>
        <translation>اللغات: شريط التمرير</translation>
    </message>
    <message>
        <source>Controls</source>
        <translation>أزرار التحكم</translation>
    </message>
    <message>
        <source>Choose a language</source>
        <translation>اختر لغة</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <source>Back to where you were</source>
        <translation>العودة إلى حيث كنت</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>الرئيسية</translation>
    </message>
    <message>
        <source>Back to all questions</source>
        <translation>العودة إلى كل الأسئلة</translation>
    </message>
</context>
<context>
    <name>SectionScreen</name>
    <message>
        <source>Section screen</source>
        <translation>شاشة القسم</translation>
    </message>
    <message>
        <source>Question tiles</source>
        <translation>مربعات الأسئلة</translation>
    </message>
    <message>
        <source>Section page</source>
        <translation>صفحة القسم</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>الأسئلة</translation>
    </message>
    <message>
        <source>Questions: scroll bar</source>
        <translation>الأسئلة: شريط التمرير</translation>
    </message>
    <message>
        <source>Controls</source>
        <translation>أزرار التحكم</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>الرئيسية</translation>
    </message>
    <message>
        <source>Back to all questions</source>
        <translation>العودة إلى كل الأسئلة</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <source>Back to the sections</source>
        <translation>العودة إلى الأقسام</translation>
    </message>
    <message>
        <source>Opens the answer</source>
        <translation>يفتح الإجابة</translation>
    </message>
</context>
<context>
    <name>TakeHome</name>
    <message>
        <source>Scan to read this at home</source>
        <translation>امسح الرمز لقراءة هذا في المنزل</translation>
    </message>
    <message>
        <source>Scan for our clinic&apos;s web page</source>
        <translation>امسح الرمز لزيارة موقع عيادتنا</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>رمز QR</translation>
    </message>
</context>
<context>
    <name>UnavailableScreen</name>
    <message>
        <source>Information screen is being updated</source>
        <translation>يجري تحديث شاشة المعلومات</translation>
    </message>
    <message>
        <source>Please ask our staff if you have a question.</source>
        <translation>إذا كان لديك سؤال، يرجى سؤال موظفينا.</translation>
    </message>
</context>
</TS>
