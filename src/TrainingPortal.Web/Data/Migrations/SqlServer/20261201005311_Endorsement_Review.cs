using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingPortal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Endorsement_Review : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SignedAttestations_PersonId_Kind",
                table: "SignedAttestations");

            migrationBuilder.AddColumn<string>(
                name: "NotAcceptedReason",
                table: "WorkExperience",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Verified",
                table: "WorkExperience",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "NotAcceptedReason",
                table: "TrainingHours",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TextVersion",
                table: "SignedAttestations",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NotAcceptedReason",
                table: "RscLog",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderId",
                table: "RscLog",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NotAcceptedReason",
                table: "Memberships",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Verified",
                table: "Memberships",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "NotAcceptedReason",
                table: "LeadershipActivities",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Verified",
                table: "LeadershipActivities",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "NotAcceptedReason",
                table: "Degrees",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApplicationComments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    EnrollmentId = table.Column<int>(type: "int", nullable: false),
                    Section = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    AuthorId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationComments_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ApplicationComments_Enrollments_EnrollmentId",
                        column: x => x.EnrollmentId,
                        principalTable: "Enrollments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EndorsementApplications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    EnrollmentId = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Round = table.Column<int>(type: "int", nullable: false),
                    SubmittedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Snapshot = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ReturnedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ReturnedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    ReturnNote = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EndorsementApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EndorsementApplications_Enrollments_EnrollmentId",
                        column: x => x.EnrollmentId,
                        principalTable: "Enrollments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UploadedFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    PublicId = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    PersonId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Purpose = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    DegreeId = table.Column<int>(type: "int", nullable: true),
                    TrainingHoursId = table.Column<int>(type: "int", nullable: true),
                    Description = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    FileName = table.Column<string>(type: "nvarchar(120)", maxLength: 120, nullable: false),
                    ContentType = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    UploadedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UploadedFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UploadedFiles_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UploadedFiles_Degrees_DegreeId",
                        column: x => x.DegreeId,
                        principalTable: "Degrees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_UploadedFiles_TrainingHours_TrainingHoursId",
                        column: x => x.TrainingHoursId,
                        principalTable: "TrainingHours",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UploadedFileContents",
                columns: table => new
                {
                    FileId = table.Column<int>(type: "int", nullable: false),
                    Bytes = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UploadedFileContents", x => x.FileId);
                    table.ForeignKey(
                        name: "FK_UploadedFileContents_UploadedFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "UploadedFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SignedAttestations_PersonId_Kind",
                table: "SignedAttestations",
                columns: new[] { "PersonId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RscLog_ProviderId",
                table: "RscLog",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationComments_AuthorId",
                table: "ApplicationComments",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationComments_EnrollmentId_Section",
                table: "ApplicationComments",
                columns: new[] { "EnrollmentId", "Section" });

            migrationBuilder.CreateIndex(
                name: "IX_EndorsementApplications_EnrollmentId",
                table: "EndorsementApplications",
                column: "EnrollmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EndorsementApplications_Status_SubmittedUtc",
                table: "EndorsementApplications",
                columns: new[] { "Status", "SubmittedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_UploadedFiles_DegreeId",
                table: "UploadedFiles",
                column: "DegreeId");

            migrationBuilder.CreateIndex(
                name: "IX_UploadedFiles_PersonId_Purpose",
                table: "UploadedFiles",
                columns: new[] { "PersonId", "Purpose" });

            migrationBuilder.CreateIndex(
                name: "IX_UploadedFiles_PublicId",
                table: "UploadedFiles",
                column: "PublicId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UploadedFiles_TrainingHoursId",
                table: "UploadedFiles",
                column: "TrainingHoursId");

            migrationBuilder.AddForeignKey(
                name: "FK_RscLog_AspNetUsers_ProviderId",
                table: "RscLog",
                column: "ProviderId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_RscLog_AspNetUsers_ProviderId",
                table: "RscLog");

            migrationBuilder.DropTable(
                name: "ApplicationComments");

            migrationBuilder.DropTable(
                name: "EndorsementApplications");

            migrationBuilder.DropTable(
                name: "UploadedFileContents");

            migrationBuilder.DropTable(
                name: "UploadedFiles");

            migrationBuilder.DropIndex(
                name: "IX_SignedAttestations_PersonId_Kind",
                table: "SignedAttestations");

            migrationBuilder.DropIndex(
                name: "IX_RscLog_ProviderId",
                table: "RscLog");

            migrationBuilder.DropColumn(
                name: "NotAcceptedReason",
                table: "WorkExperience");

            migrationBuilder.DropColumn(
                name: "Verified",
                table: "WorkExperience");

            migrationBuilder.DropColumn(
                name: "NotAcceptedReason",
                table: "TrainingHours");

            migrationBuilder.DropColumn(
                name: "TextVersion",
                table: "SignedAttestations");

            migrationBuilder.DropColumn(
                name: "NotAcceptedReason",
                table: "RscLog");

            migrationBuilder.DropColumn(
                name: "ProviderId",
                table: "RscLog");

            migrationBuilder.DropColumn(
                name: "NotAcceptedReason",
                table: "Memberships");

            migrationBuilder.DropColumn(
                name: "Verified",
                table: "Memberships");

            migrationBuilder.DropColumn(
                name: "NotAcceptedReason",
                table: "LeadershipActivities");

            migrationBuilder.DropColumn(
                name: "Verified",
                table: "LeadershipActivities");

            migrationBuilder.DropColumn(
                name: "NotAcceptedReason",
                table: "Degrees");

            migrationBuilder.CreateIndex(
                name: "IX_SignedAttestations_PersonId_Kind",
                table: "SignedAttestations",
                columns: new[] { "PersonId", "Kind" });
        }
    }
}
