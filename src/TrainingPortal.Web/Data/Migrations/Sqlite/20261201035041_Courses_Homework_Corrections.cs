using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Courses_Homework_Corrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "GroupId",
                table: "UploadedFiles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FileId",
                table: "HomeworkSubmissions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Text",
                table: "HomeworkSubmissions",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "HomeworkSubmissions",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<int>(
                name: "FileId",
                table: "HomeworkAssignments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Instructions",
                table: "HomeworkAssignments",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MeetingLink",
                table: "Groups",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MeetingPlace",
                table: "Groups",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "JoinedOn",
                table: "Enrollments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PastMeetingsNotApplicable",
                table: "Enrollments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "RuleSetChangeReason",
                table: "Enrollments",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "HomeworkSubmissionEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubmissionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FileId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeworkSubmissionEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HomeworkSubmissionEvents_AspNetUsers_ById",
                        column: x => x.ById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HomeworkSubmissionEvents_HomeworkSubmissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "HomeworkSubmissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_HomeworkSubmissionEvents_UploadedFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "UploadedFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UploadedFiles_GroupId_Purpose",
                table: "UploadedFiles",
                columns: new[] { "GroupId", "Purpose" });

            migrationBuilder.CreateIndex(
                name: "IX_HomeworkSubmissions_FileId",
                table: "HomeworkSubmissions",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_HomeworkAssignments_FileId",
                table: "HomeworkAssignments",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_HomeworkSubmissionEvents_ById",
                table: "HomeworkSubmissionEvents",
                column: "ById");

            migrationBuilder.CreateIndex(
                name: "IX_HomeworkSubmissionEvents_FileId",
                table: "HomeworkSubmissionEvents",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_HomeworkSubmissionEvents_SubmissionId",
                table: "HomeworkSubmissionEvents",
                column: "SubmissionId");

            migrationBuilder.AddForeignKey(
                name: "FK_HomeworkAssignments_UploadedFiles_FileId",
                table: "HomeworkAssignments",
                column: "FileId",
                principalTable: "UploadedFiles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_HomeworkSubmissions_UploadedFiles_FileId",
                table: "HomeworkSubmissions",
                column: "FileId",
                principalTable: "UploadedFiles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_UploadedFiles_Groups_GroupId",
                table: "UploadedFiles",
                column: "GroupId",
                principalTable: "Groups",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_HomeworkAssignments_UploadedFiles_FileId",
                table: "HomeworkAssignments");

            migrationBuilder.DropForeignKey(
                name: "FK_HomeworkSubmissions_UploadedFiles_FileId",
                table: "HomeworkSubmissions");

            migrationBuilder.DropForeignKey(
                name: "FK_UploadedFiles_Groups_GroupId",
                table: "UploadedFiles");

            migrationBuilder.DropTable(
                name: "HomeworkSubmissionEvents");

            migrationBuilder.DropIndex(
                name: "IX_UploadedFiles_GroupId_Purpose",
                table: "UploadedFiles");

            migrationBuilder.DropIndex(
                name: "IX_HomeworkSubmissions_FileId",
                table: "HomeworkSubmissions");

            migrationBuilder.DropIndex(
                name: "IX_HomeworkAssignments_FileId",
                table: "HomeworkAssignments");

            migrationBuilder.DropColumn(
                name: "GroupId",
                table: "UploadedFiles");

            migrationBuilder.DropColumn(
                name: "FileId",
                table: "HomeworkSubmissions");

            migrationBuilder.DropColumn(
                name: "Text",
                table: "HomeworkSubmissions");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "HomeworkSubmissions");

            migrationBuilder.DropColumn(
                name: "FileId",
                table: "HomeworkAssignments");

            migrationBuilder.DropColumn(
                name: "Instructions",
                table: "HomeworkAssignments");

            migrationBuilder.DropColumn(
                name: "MeetingLink",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "MeetingPlace",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "JoinedOn",
                table: "Enrollments");

            migrationBuilder.DropColumn(
                name: "PastMeetingsNotApplicable",
                table: "Enrollments");

            migrationBuilder.DropColumn(
                name: "RuleSetChangeReason",
                table: "Enrollments");
        }
    }
}
